/** A label shortened to fit beside its bar (the row's <title> keeps it whole). */
export function clipLabel(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}
