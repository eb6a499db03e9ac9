import { describe, expect, it } from 'vitest';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../../src/server/json-depth.js';

describe('exceedsJsonDepth', () => {
  const nested = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

  it('counts objects and arrays opened inside one another', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH / 2))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH / 2 + 1))).toBe(true);
    expect(exceedsJsonDepth(nested(4_600))).toBe(true);
    expect(exceedsJsonDepth('[]'.repeat(10_000))).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(JSON.stringify({ text: '{['.repeat(1_000) }), 2)).toBe(false);
    expect(exceedsJsonDepth(JSON.stringify({ text: `\\"${'['.repeat(100)}` }), 2)).toBe(false);
  });

  it('a real Telegram update is far below the bound', () => {
    const update = { update_id: 1, message: { chat: { id: 1 }, reply_to_message: { reply_markup: { inline_keyboard: [[{ text: 'a' }]] } } } };
    expect(exceedsJsonDepth(JSON.stringify(update), 8)).toBe(false);
  });
});
