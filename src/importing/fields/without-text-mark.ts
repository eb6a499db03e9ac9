/** Drops a leading apostrophe: Excel users type '3604… to keep a long number as text. */
export function withoutTextMark(raw: string): string {
  return raw.startsWith("'") ? raw.slice(1) : raw;
}
