import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * What every bench chat says, over and over: a full eligibility check and a status check with
 * the fictional demo KPM, then logging out, so each round verifies again. Step n of chat c is
 * message number c + n × chats, so one chat's messages are far apart in the load and arrive in
 * order.
 */
export interface ConversationStep {
  label: string;
  /** Literal text, or which field of the chat's demo recipient to send. */
  text: string | { field: 'nik' | 'name' };
}

export const BENCH_CYCLE: readonly ConversationStep[] = [
  { label: '"halo" → menu', text: 'halo' },
  { label: '"1" → gate check, ask NIK', text: '1' },
  { label: 'NIK → look-up, ask name', text: { field: 'nik' } },
  { label: 'name → verify, link, eligibility + audit', text: { field: 'name' } },
  { label: '"2" → status timeline + audit', text: '2' },
  { label: '"menu" → menu', text: 'menu' },
  { label: '"keluar" → unlink + audit', text: 'keluar' },
];

export interface DemoRecipient {
  nik: string;
  name: string;
}

/**
 * The demo KPM the app seeds (prisma/seed/demo-recipients.csv), as many as make a multiple of
 * the cycle length: chat c talks as recipient c mod n (see BenchInstance.messageOf).
 */
export function readDemoRecipients(file = new URL('../../prisma/seed/demo-recipients.csv', import.meta.url)): DemoRecipient[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const recipients = rows.map((row) => ({ nik: row.nik ?? '', name: row.nama ?? '' })).filter((row) => /^\d{16}$/.test(row.nik) && row.name !== '');
  const usable = recipients.length - (recipients.length % BENCH_CYCLE.length);
  if (usable === 0) throw new Error(`fewer than ${BENCH_CYCLE.length} demo recipients in prisma/seed/demo-recipients.csv`);
  return recipients.slice(0, usable);
}

/** The text of step `step` for a chat talking as `recipient`. */
export function stepText(step: ConversationStep, recipient: DemoRecipient): string {
  return typeof step.text === 'string' ? step.text : recipient[step.text.field];
}
