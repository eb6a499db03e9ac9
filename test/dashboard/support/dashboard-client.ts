import type { Hono } from 'hono';

/** A tiny browser stand-in for app.request: keeps cookies, reads the CSRF field of the last page. */
export class DashboardClient {
  private readonly cookies = new Map<string, string>();
  lastBody = '';

  constructor(
    private readonly app: Hono,
    /** The TCP peer the request comes from (login limits per address). */
    private readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string): Promise<Response> {
    return this.send(path, { method: 'GET' });
  }

  /** POSTs a form; `_csrf` is filled from the last page unless given (use null to leave it out). */
  async post(path: string, form: Record<string, string> = {}, csrf: string | null | undefined = undefined): Promise<Response> {
    const body = new URLSearchParams(form);
    const token = csrf === undefined ? this.csrfToken() : csrf;
    if (token !== null && token !== undefined) body.set('_csrf', token);
    return this.send(path, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  }

  async send(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.request(path, { ...init, headers: { ...this.headers, ...(init.headers as Record<string, string>), ...(cookie ? { Cookie: cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    this.lastBody = response.headers.get('content-type')?.includes('text/html') ? await response.clone().text() : '';
    return response;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  csrfToken(): string | undefined {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastBody)?.[1];
  }

  /** Logs in through the real form; returns the POST's response. */
  async login(username: string, password: string): Promise<Response> {
    await this.get('/dashboard/masuk');
    return this.post('/dashboard/masuk', { username, password });
  }
}
