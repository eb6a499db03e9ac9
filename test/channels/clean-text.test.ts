import { describe, expect, it } from 'vitest';
import { cleanDeliveryUpdate, cleanInbound, cleanText, isPlatformId } from '../../src/channels/clean-text.js';

describe('cleanText', () => {
  it.each([
    ['plain', 'Siti Contoh', 'Siti Contoh'],
    ['NUL dropped', 'a\u0000b\u0000', 'ab'],
    ['lone high surrogate', 'a\ud800b', 'a\ufffdb'],
    ['lone low surrogate', '\udc00', '\ufffd'],
    ['high surrogate at the end', 'ab\udbff', 'ab\ufffd'],
    ['reversed pair', '\udc00\ud800', '\ufffd\ufffd'],
    ['pairs kept', '😀 🙏🏽', '😀 🙏🏽'],
    ['other controls kept', 'a\tb\nc', 'a\tb\nc'],
  ])('%s', (_name, input, output) => {
    expect(cleanText(input)).toBe(output);
  });

  it('cuts to the limit without splitting a surrogate pair', () => {
    expect(cleanText('x'.repeat(5_000))).toHaveLength(4_096);
    expect(cleanText(`${'x'.repeat(9)}😀`, 10)).toBe('x'.repeat(9));
    expect(cleanText(`${'x'.repeat(8)}😀`, 10)).toBe(`${'x'.repeat(8)}😀`);
  });

  it('leaves every string storable as jsonb text', () => {
    const nasty = ['\u0000', '\ud800', '\udfff', 'a\u0000\ud800\udc00\udc00'];
    for (const text of nasty) expect(JSON.stringify(cleanText(text))).not.toMatch(/\\u0000|\\ud[89a-f]/i);
  });
});

describe('isPlatformId', () => {
  it.each([['wamid.HBgN', true], ['3EB0AB', true], ['', false], ['a\u0000', false], ['a\n', false], ['\ud800', false], ['x'.repeat(257), false], [7, false], [null, false]])(
    '%j → %s',
    (value, expected) => {
      expect(isPlatformId(value)).toBe(expected);
    },
  );
});

describe('cleanInbound and cleanDeliveryUpdate', () => {
  it('cleans every string of content and sender, keeping message text longer than labels', () => {
    const message = cleanInbound({
      channel: 'telegram' as const,
      chatId: '1',
      externalId: '2',
      content: { kind: 'image' as const, mediaRef: `m\u0000${'r'.repeat(300)}`, caption: `c${'x'.repeat(5_000)}`, mimeType: 'image/\ud800' },
      sender: { phone: '62\u0000812', displayName: 'y'.repeat(1_000) },
    });
    expect(message.content).toEqual({ kind: 'image', mediaRef: `m${'r'.repeat(300)}`, caption: `c${'x'.repeat(4_095)}`, mimeType: 'image/\ufffd' });
    expect(message.sender).toEqual({ phone: '62812', displayName: 'y'.repeat(256) });
  });

  it('drops news about an unusable id and cleans the reason', () => {
    expect(cleanDeliveryUpdate({ channel: 'whatsapp', externalId: 'a\u0000', status: 'read' })).toBeUndefined();
    expect(cleanDeliveryUpdate({ channel: 'whatsapp', externalId: 'a', status: 'failed', reason: 'r\u0000\ud800' })).toEqual({
      channel: 'whatsapp',
      externalId: 'a',
      status: 'failed',
      reason: 'r\ufffd',
    });
  });
});
