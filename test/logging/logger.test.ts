import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DestinationStream } from 'pino';
import { buildLogger, resolveLogLevel } from '../../src/logging/build-logger.js';
import { createLogger } from '../../src/logging/logger.js';

const NIK = '3604011203850001';
const NIK_SPACED = '3604 0112 0385 0001';
const PHONE = '081234567890';
const PHONE_DIGITS = ['081234567890', '81234567890', '0812', '3456', '7890'];

/** A destination that keeps every line pino writes. */
function capture(): DestinationStream & { lines: string[]; records: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  return {
    lines,
    write(line: string) {
      lines.push(line);
    },
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

function expectNoPersonalData(output: string): void {
  expect(output).not.toContain(NIK);
  expect(output).not.toContain('0112 0385');
  expect(output).not.toContain('1203850001');
  for (const digits of PHONE_DIGITS.slice(0, 2)) expect(output).not.toContain(digits);
}

describe('logger output never carries a NIK or phone number', () => {
  it('redacts them in the message', () => {
    const out = capture();
    buildLogger(out, {}).info(`NIK ${NIK} dari ${PHONE} gagal diverifikasi`);
    expectNoPersonalData(out.lines.join(''));
    expect(out.records()[0]?.msg).toBe('NIK [NIK] dari [TELEPON] gagal diverifikasi');
  });

  it('redacts a spaced NIK and an international phone', () => {
    const out = capture();
    buildLogger(out, {}).warn(`input "${NIK_SPACED}" from +62 812-3456-7890`);
    expect(out.records()[0]?.msg).toBe('input "[NIK]" from [TELEPON]');
  });

  it('redacts printf-style arguments, strings and numbers', () => {
    const out = capture();
    buildLogger(out, {}).info('nik %s hp %s nomor %d', NIK, PHONE, Number(NIK));
    expectNoPersonalData(out.lines.join(''));
    expect(out.records()[0]?.msg).toBe('nik [NIK] hp [TELEPON] nomor [NIK]');
  });

  it('redacts fields no redact path names, at any depth, and keeps valid JSON', () => {
    const out = capture();
    buildLogger(out, {}).info({ detail: `dari ${PHONE}`, input: { raw: [NIK] }, value: Number(NIK) }, 'verifikasi');
    expectNoPersonalData(out.lines.join(''));
    expect(out.records()[0]).toMatchObject({ detail: 'dari [TELEPON]', input: { raw: ['[NIK]'] }, value: '[NIK]' });
  });

  it('censors the configured keys at the top level and one level down', () => {
    const out = capture();
    buildLogger(out, {}).info(
      {
        nik: 'x',
        name: 'Siti Aminah',
        fullName: 'Siti Aminah',
        phone: 'y',
        text: 'pesan',
        recipient: { nik: 'x', phone: 'y', text: 'pesan', fullName: 'Siti Aminah' },
        program: { name: 'UEP' },
      },
      'record',
    );
    const record = out.records()[0];
    for (const key of ['nik', 'name', 'fullName', 'phone', 'text']) expect(record?.[key]).toBe('[Redacted]');
    expect(record?.recipient).toEqual({ nik: '[Redacted]', phone: '[Redacted]', text: '[Redacted]', fullName: '[Redacted]' });
    expect(record?.program).toEqual({ name: 'UEP' });
    expect(out.lines.join('')).not.toContain('Aminah');
  });

  it('redacts error messages and stacks', () => {
    const out = capture();
    buildLogger(out, {}).error(new Error(`lookup failed for ${NIK}`));
    expectNoPersonalData(out.lines.join(''));
    const record = out.records()[0] as { msg: string; err: { message: string; stack: string } };
    expect(record.msg).toBe('lookup failed for [NIK]');
    expect(record.err.message).toBe('lookup failed for [NIK]');
    expect(record.err.stack).toContain('lookup failed for [NIK]');
  });

  it('redacts in child loggers, bindings included', () => {
    const out = capture();
    const child = createLogger({ component: 'whatsapp', chat: `${PHONE}@s.whatsapp.net` }, buildLogger(out, {}));
    child.info(`pesan dari ${PHONE}`);
    child.child({ step: 'verify' }).info({ nikInput: NIK }, 'nested child');
    expectNoPersonalData(out.lines.join(''));
    expect(out.records()[0]).toMatchObject({ component: 'whatsapp', chat: '[TELEPON]@s.whatsapp.net', msg: 'pesan dari [TELEPON]' });
    expect(out.records()[1]).toMatchObject({ step: 'verify', nikInput: '[NIK]' });
  });

  it('leaves ordinary lines alone', () => {
    const out = capture();
    buildLogger(out, {}).info({ updateId: 987654321, amount: 3500000 }, 'update handled');
    expect(out.records()[0]).toMatchObject({ updateId: 987654321, amount: 3500000, msg: 'update handled' });
  });
});

describe('log level', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it.each([
    [undefined, 'info'],
    ['', 'info'],
    ['debug', 'debug'],
    [' WARN ', 'warn'],
    ['silent', 'silent'],
    ['verbose', 'info'],
    ['constructor', 'info'],
    ['toString', 'info'],
  ])('LOG_LEVEL=%j → %s', (value, expected) => {
    expect(resolveLogLevel(value)).toBe(expected);
  });

  it('follows LOG_LEVEL', () => {
    const out = capture();
    const logger = buildLogger(out, { LOG_LEVEL: 'warn' });
    logger.info('hidden');
    logger.warn('shown');
    expect(out.records().map((r) => r.msg)).toEqual(['shown']);
  });

  it('defaults to info', () => {
    const out = capture();
    const logger = buildLogger(out, {});
    logger.debug('hidden');
    logger.info('shown');
    expect(out.records().map((r) => r.msg)).toEqual(['shown']);
  });

  it('warns and uses info for an unknown level instead of crashing', () => {
    const out = capture();
    const logger = buildLogger(out, { LOG_LEVEL: 'verbose' });
    expect(logger.level).toBe('info');
    expect(out.records()[0]).toMatchObject({ level: 40, logLevel: 'verbose' });
  });

  it('configures the shared logger from the environment', async () => {
    vi.stubEnv('LOG_LEVEL', 'debug');
    vi.resetModules();
    const { logger } = await import('../../src/logging/logger.js');
    expect(logger.level).toBe('debug');
  });

  it('gives the shared logger level info when LOG_LEVEL is unset', async () => {
    vi.stubEnv('LOG_LEVEL', undefined);
    vi.resetModules();
    const { logger } = await import('../../src/logging/logger.js');
    expect(logger.level).toBe('info');
  });
});

describe('secrets never reach a log line', () => {
  const TOKEN = '7012345678:AAH4kQ9vZxW1yT2uR3sP4oN5mL6kJ7iH8gF';
  const env = { TELEGRAM_BOT_TOKEN: TOKEN, WHATSAPP_CLOUD_APP_SECRET: 'app-secret-123' };

  it('masks them in messages, error messages, stacks, causes and any field', () => {
    const out = capture();
    const logger = buildLogger(out, env);
    const cause = new Error(`socket closed (app-secret-123)`);
    const error = Object.assign(new Error(`invalid json response body at http://x/bot${TOKEN}/getMe`, { cause }), {
      url: `http://x/bot${TOKEN}/getMe`,
    });
    logger.error({ err: error, detail: { secret: 'app-secret-123' } }, `start-up failed: ${error.message}`);
    const output = out.lines.join('');
    expect(output).not.toContain(TOKEN.split(':')[1]);
    expect(output).not.toContain('app-secret-123');
    const record = out.records()[0] as { msg: string; err: { url: string; stack: string } };
    expect(record.msg).toContain('bot7012345678:[REDACTED]/getMe');
    expect(record.err.url).toBe('http://x/bot7012345678:[REDACTED]/getMe');
  });
});

describe('log format', () => {
  it('writes JSON by default to a destination that is not a terminal', () => {
    const out = capture();
    buildLogger(out, {}).info({ port: 3000 }, 'server started');
    expect(out.records()[0]).toMatchObject({ msg: 'server started', port: 3000 });
  });

  it('writes readable lines for a terminal, redacted the same way', () => {
    const out = capture();
    const logger = buildLogger(out, { TELEGRAM_BOT_TOKEN: '123456:ABCdefGHI' }, { isTerminal: true });
    logger.info({ port: 3000 }, 'To chat in this terminal, run: npm run chat');
    logger.warn(`NIK ${NIK} from ${PHONE} via http://x/bot123456:ABCdefGHI/getMe`);
    const [first, second] = out.lines;
    expect(() => JSON.parse(first ?? '')).toThrow();
    // Colours are on for a terminal: strip them to read the text.
    const plain = (line = '') => line.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain(first)).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: To chat in this terminal, run: npm run chat \{"port":3000\}\n$/);
    expect(plain(second)).toContain('WARN: NIK [NIK] from [TELEPON] via http://x/bot123456:[REDACTED]/getMe');
    expectNoPersonalData(out.lines.join(''));
    expect(out.lines.join('')).not.toContain('ABCdefGHI');
  });

  it('follows LOG_FORMAT over the terminal check', () => {
    const json = capture();
    buildLogger(json, { LOG_FORMAT: 'json' }, { isTerminal: true }).info('x');
    expect(json.records()[0]?.msg).toBe('x');
    const pretty = capture();
    buildLogger(pretty, { LOG_FORMAT: 'pretty' }, { isTerminal: false }).info('x');
    expect(pretty.lines[0]).toMatch(/INFO: x\n$/);
  });
});
