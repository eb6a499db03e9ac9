/** An exact non-negative fraction n/d of BigInts, so "1,2345 juta" is exactly 1.234.500. */
export interface Rational {
  n: bigint;
  d: bigint;
}

export const ZERO: Rational = { n: 0n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

export function rational(n: bigint, d = 1n): Rational {
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

export function add(a: Rational, b: Rational): Rational {
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function times(a: Rational, factor: bigint): Rational {
  return rational(a.n * factor, a.d);
}

export function isWhole(a: Rational): boolean {
  return a.n % a.d === 0n;
}

export function isZero(a: Rational): boolean {
  return a.n === 0n;
}

/** "1,5" → 3/2; `fraction` is the digits after the decimal mark. */
export function decimal(whole: string, fraction: string): Rational {
  return rational(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}
