/**
 * "3.60101E+15": what Excel shows and saves when a 16-digit column was typed as a number. The
 * last digits are already lost, so the operator must re-enter the column as text.
 */
export function looksLikeExcelNumber(raw: string): boolean {
  return /^\d([.,]\d+)?e\+?\d+$/i.test(raw);
}
