import { accept, refuse, type FieldResult } from './field.js';

/** A program or stage code: what operators type in the stages file, so letters, digits, - and _ only. */
export function codeField(column: string) {
  return (raw: string): FieldResult<string> => {
    if (raw === '') return refuse({ code: 'required', column });
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(raw)) return refuse({ code: 'code-format', column });
    return accept(raw);
  };
}
