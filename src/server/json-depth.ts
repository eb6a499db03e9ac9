/**
 * Platform webhooks nest a few levels (Telegram's deepest real updates about ten, Meta's about
 * eight). A body nested thousands deep is an attack on whatever walks it recursively later
 * (JSON.stringify, loggers, validators): refuse it before parsing.
 */
export const MAX_JSON_DEPTH = 64;

/** True when the JSON text opens more than `maxDepth` objects/arrays inside one another. One pass, no recursion. */
export function exceedsJsonDepth(json: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}
