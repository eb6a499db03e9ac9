import { describe, expect, it } from 'vitest';
import { renderOutbound, type TelegramSend } from '../../../src/channels/telegram/render-outbound.js';
import { splitText } from '../../../src/channels/split-text.js';

function sendsOf(result: ReturnType<typeof renderOutbound>): TelegramSend[] {
  if (!result.ok) throw new Error(`expected sends, got ${result.reason}`);
  return result.sends;
}

describe('splitText', () => {
  it('leaves text within the limit alone', () => {
    expect(splitText('Halo\n\nApa kabar?', 20)).toEqual(['Halo\n\nApa kabar?']);
  });

  it('packs whole lines greedily and keeps their order', () => {
    expect(splitText('aaaa\nbbbb\ncccc\ndd', 9)).toEqual(['aaaa\nbbbb', 'cccc\ndd']);
  });

  it('breaks an over-long line between words', () => {
    expect(splitText('satu dua tiga empat', 9)).toEqual(['satu dua', 'tiga', 'empat']);
  });

  it('cuts a word only when it alone exceeds the limit, never inside an emoji', () => {
    const pieces = splitText(`abcd😀efgh`, 5); // the emoji is two UTF-16 code units at 4–5
    expect(pieces).toEqual(['abcd', '😀efg', 'h']);
    expect(pieces.join('')).toBe('abcd😀efgh');
  });

  it('drops blank lines at a cut so no piece is empty', () => {
    expect(splitText('aaaa\n\n\n\nbbbb', 5)).toEqual(['aaaa', 'bbbb']);
  });
});

describe('renderOutbound', () => {
  it('puts no keyboard on text without choices', () => {
    expect(sendsOf(renderOutbound({ kind: 'text', text: 'Halo' }))).toEqual([{ method: 'sendMessage', text: 'Halo' }]);
  });

  it('treats an empty choice list as no choices', () => {
    expect(sendsOf(renderOutbound({ kind: 'text', text: 'Halo', choices: [] }))).toEqual([
      { method: 'sendMessage', text: 'Halo' },
    ]);
  });

  it('sends a caption too long for a photo as text after it', () => {
    const caption = 'x'.repeat(1500);
    expect(sendsOf(renderOutbound({ kind: 'image', mediaRef: 'telegram:file:F1', caption }))).toEqual([
      { method: 'sendPhoto', fileId: 'F1' },
      { method: 'sendMessage', text: caption },
    ]);
  });

  it('refuses media references that are not Telegram files', () => {
    expect(renderOutbound({ kind: 'image', mediaRef: 'telegram:file:' })).toMatchObject({ ok: false });
    expect(renderOutbound({ kind: 'image', mediaRef: 'https://example.org/a.jpg' })).toMatchObject({ ok: false });
  });
});
