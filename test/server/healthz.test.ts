import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/create-app.js';

describe('GET /healthz', () => {
  it('answers 200 with the details when healthy', async () => {
    const app = createApp({ health: async () => ({ ok: true, details: { database: 'up' } }) });
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', details: { database: 'up' } });
  });

  it('answers 503 when not healthy', async () => {
    const app = createApp({ health: async () => ({ ok: false, details: { database: 'down' } }) });
    const response = await app.request('/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', details: { database: 'down' } });
  });

  it('answers 503 without details when the check itself throws', async () => {
    const app = createApp({
      health: async () => {
        throw new Error('connect ECONNREFUSED postgres://admin:pw@db/kpm');
      },
    });
    const response = await app.request('/healthz');
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('postgres');
  });
});
