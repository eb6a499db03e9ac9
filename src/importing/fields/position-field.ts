import { accept, refuse, type FieldResult } from './field.js';

/** A stage's order within its program: a whole number from 1. */
export function positionField(raw: string): FieldResult<number> {
  if (raw === '') return refuse({ code: 'required', column: 'urutan' });
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1) return refuse({ code: 'position' });
  return accept(Number(raw));
}
