/**
 * Cuts `text` into pieces of at most `maxLength` UTF-16 code units (the unit Telegram counts),
 * breaking between lines where it can, then between words, and only as a last resort inside a
 * word. Lines are never reordered; blank lines at a cut are dropped so no piece is empty.
 */
export function splitText(text: string, maxLength: number): string[] {
  if (text.length <= maxLength) return [text];
  const pieces: string[] = [];
  let current: string | undefined;
  for (const line of text.split('\n')) {
    for (const part of splitLine(line, maxLength)) {
      const joined = current === undefined ? part : `${current}\n${part}`;
      if (joined.length <= maxLength) {
        current = joined;
      } else {
        if (current !== undefined) pieces.push(current);
        current = part;
      }
    }
  }
  if (current !== undefined) pieces.push(current);
  return pieces.map(trimBlankLines).filter((piece) => piece.trim().length > 0);
}

function splitLine(line: string, maxLength: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > maxLength) {
    const space = rest.lastIndexOf(' ', maxLength);
    if (space > 0) {
      parts.push(rest.slice(0, space));
      rest = rest.slice(space + 1);
    } else {
      const cut = safeCut(rest, maxLength);
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
  }
  parts.push(rest);
  return parts;
}

/** Never cut between the two halves of a surrogate pair (an emoji would turn into garbage). */
function safeCut(text: string, at: number): number {
  const before = text.charCodeAt(at - 1);
  return before >= 0xd800 && before <= 0xdbff ? at - 1 : at;
}

function trimBlankLines(piece: string): string {
  return piece.replace(/^\n+|\n+$/g, '');
}
