import { describe, expect, it } from 'vitest';
import { redactJsonLine } from '../../src/logging/redact-json-line.js';

describe('redactJsonLine', () => {
  it('returns a line with nothing to redact unchanged, byte for byte', () => {
    // Re-serializing would turn \u00e9 into é and 1.50 into 1.5: untouched means not re-serialized.
    const line = '{"level":30,"time":1718000000000,"pid":1,"amount":1.50,"msg":"caf\\u00e9"}\n';
    expect(redactJsonLine(line)).toBe(line);
  });

  it('redacts strings at any depth and keeps the trailing newline', () => {
    const line = `${JSON.stringify({ msg: 'NIK 3604011203850001', a: { b: ['hp 081234567890'] } })}\n`;
    const out = redactJsonLine(line);
    expect(out.endsWith('\n')).toBe(true);
    expect(JSON.parse(out)).toEqual({ msg: 'NIK [NIK]', a: { b: ['hp [TELEPON]'] } });
  });

  it('turns a NIK or phone logged as a number into a string, keeping valid JSON', () => {
    const out = redactJsonLine('{"value":3604011203850001,"phone":6281234567890,"count":3}');
    expect(JSON.parse(out)).toEqual({ value: '[NIK]', phone: '[TELEPON]', count: 3 });
  });

  it('redacts keys too', () => {
    const out = redactJsonLine('{"attempts":{"3604011203850001":2}}');
    expect(JSON.parse(out)).toEqual({ attempts: { '[NIK]': 2 } });
  });

  it('still redacts text that is not JSON', () => {
    expect(redactJsonLine('NIK 3604011203850001 {')).toBe('NIK [NIK] {');
  });
});
