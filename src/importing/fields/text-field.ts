import { accept, refuse, type FieldResult } from './field.js';

const MAX_TEXT_LENGTH = 200;

/** A required free-text cell (name, region): non-empty, inner runs of spaces collapsed. */
export function requiredText(column: string, max = MAX_TEXT_LENGTH) {
  return (raw: string): FieldResult<string> => {
    // \s also covers the no-break spaces spreadsheets leave behind, which csv-parse does not trim.
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text === '') return refuse({ code: 'required', column });
    if (text.length > max) return refuse({ code: 'too-long', column, max });
    return accept(text);
  };
}

/** An optional free-text cell; empty gives null. */
export function optionalText(column: string, max = MAX_TEXT_LENGTH) {
  const required = requiredText(column, max);
  return (raw: string): FieldResult<string | null> => (raw === '' ? accept(null) : required(raw));
}
