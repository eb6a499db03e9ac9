/**
 * One CSV cell as RFC 4180 writes it: quoted (inner quotes doubled) only when it holds the
 * delimiter, a quote or a line break, so plain cells stay readable in a text editor.
 */
export function quoteCsvCell(value: string, delimiter: ';' | ','): string {
  if (!value.includes(delimiter) && !/["\r\n]/.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}
