import { redactPersonalData } from './redact.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function redactValue(value: Json): Json {
  if (typeof value === 'string') return redactPersonalData(value);
  if (typeof value === 'number') {
    // A NIK logged as a number must become a string, or the line would stop being JSON.
    const text = String(value);
    const redacted = redactPersonalData(text);
    return redacted === text ? value : redacted;
  }
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [redactPersonalData(key), redactValue(inner)]));
  }
  return value;
}

/**
 * Redacts one serialized pino line. It runs after interpolation and serializers, so it also
 * catches `%s` arguments, error messages and stacks, child bindings and fields no `redact` path
 * names. Lines with nothing to redact are returned untouched; others are parsed, redacted value
 * by value and re-serialized so the output stays valid JSON.
 */
export function redactJsonLine(line: string): string {
  if (redactPersonalData(line) === line) return line;
  const newline = line.endsWith('\n') ? '\n' : '';
  try {
    return JSON.stringify(redactValue(JSON.parse(line) as Json)) + newline;
  } catch {
    // Not JSON after all: redacting the text matters more than keeping it parseable.
    return redactPersonalData(line);
  }
}
