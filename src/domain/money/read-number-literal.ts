import { decimal, rational, type Rational } from './rational.js';

/**
 * The values a run of digits with dots and commas may mean. Indonesians write 1.500.000 and
 * 1,5; phones and English habits give 1,500,000 and 1.5. One reading when the marks settle it;
 * two when they do not ("1,500": 1.500 or 1,5; "1.500 juta"); none when malformed ("1.50.000").
 */
export function readNumberLiteral(literal: string, unitFollows = false): Rational[] {
  if (/^\d+$/.test(literal)) return [rational(BigInt(literal))];
  const dots = /^\d{1,3}(\.\d{3})+$/;
  const commas = /^\d{1,3}(,\d{3})+$/;
  // Grouped thousands with a decimal tail in the other mark: 1.500.000,00 or 1,500,000.00.
  const idFull = /^(\d{1,3}(?:\.\d{3})+),(\d{1,2})$/.exec(literal);
  if (idFull) return [decimal(idFull[1]!.replaceAll('.', ''), idFull[2]!)];
  const enFull = /^(\d{1,3}(?:,\d{3})+)\.(\d{1,2})$/.exec(literal);
  if (enFull) return [decimal(enFull[1]!.replaceAll(',', ''), enFull[2]!)];
  if (dots.test(literal)) {
    const grouped = rational(BigInt(literal.replaceAll('.', '')));
    // "1.500" alone is one thousand five hundred. Before a unit ("1.500 juta") it may also be a
    // decimal written the English way; several groups ("1.500.000") can only be thousands.
    if (!unitFollows || literal.split('.').length > 2) return [grouped];
    const [whole, fraction] = literal.split('.') as [string, string];
    return [grouped, decimal(whole, fraction)];
  }
  if (commas.test(literal)) {
    const grouped = rational(BigInt(literal.replaceAll(',', '')));
    // "1,500,000" is English grouping; a single group "1,500" may be 1.500 or the decimal 1,5.
    if (literal.split(',').length > 2) return [grouped];
    const [whole, fraction] = literal.split(',') as [string, string];
    return [grouped, decimal(whole, fraction)];
  }
  const single = /^(\d+)[.,](\d+)$/.exec(literal);
  if (single) return [decimal(single[1]!, single[2]!)];
  return [];
}
