export type Delimiter = ';' | ',';

/**
 * Picks `;` or `,` from the header line: Excel in an Indonesian locale saves CSV with `;`,
 * most other tools with `,`. Quoted parts of the header are ignored.
 */
export function detectDelimiter(text: string): Delimiter | undefined {
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const semicolons = countOf(unquoted, ';');
  const commas = countOf(unquoted, ',');
  if (semicolons === 0 && commas === 0) return undefined;
  return semicolons > commas ? ';' : ',';
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (const c of text) if (c === char) count++;
  return count;
}
