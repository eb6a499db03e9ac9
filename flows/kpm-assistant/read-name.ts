export type NameReading = { ok: true; name: string } | { ok: false; problem: 'has-digits' | 'too-short' };

/**
 * The full name typed at the name step, spaces tidied. Only what a name cannot be is refused
 * (digits — often the NIK again — or fewer than two letters); matching is the verifier's job.
 */
export function readName(text: string): NameReading {
  const name = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (/\p{N}/u.test(name)) return { ok: false, problem: 'has-digits' };
  if ((name.match(/\p{L}/gu) ?? []).length < 2) return { ok: false, problem: 'too-short' };
  return { ok: true, name };
}
