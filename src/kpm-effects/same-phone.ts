/** Compares two Indonesian phone numbers whatever their notation (08…, 62…, +62…, spaces, dashes). */
export function samePhone(a: string, b: string): boolean {
  const canonical = (phone: string) => {
    const digits = phone.replace(/\D/g, '');
    return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
  };
  const left = canonical(a);
  return left.length >= 9 && left === canonical(b);
}
