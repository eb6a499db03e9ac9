/**
 * One CSV line (RFC 4180 quoting). A cell starting with = + - @ is prefixed with ' so a
 * spreadsheet never runs it as a formula (CSV injection).
 */
export function csvLine(cells: string[]): string {
  return `${cells
    .map((cell) => {
      const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
      return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',')}\r\n`;
}
