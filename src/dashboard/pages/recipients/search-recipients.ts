import type { PrismaClient } from '../../../storage/generated/client.js';
import { scopeSql, type RecipientScope } from '../../access/recipient-scope.js';

export interface RecipientFilters {
  /**
   * Words of the name (each a word or part of a word, anywhere in the name; see textMatch), or
   * digits: the NIK, whole or its beginning (separators ignored).
   */
  q?: string | undefined;
  /** Words of the village (desa/kelurahan) name, matched like the name. */
  village?: string | undefined;
  program?: string | undefined;
  /** Current stage in `program` (the furthest stage reached). */
  stage?: string | undefined;
  regency?: string | undefined;
  district?: string | undefined;
  groupId?: number | undefined;
  /** Keyset cursor from the previous page's `next`. */
  after?: string | undefined;
}

export interface RecipientListRow {
  id: number;
  nik: string;
  fullName: string;
  regency: string;
  district: string;
  village: string;
}

export interface RecipientPage {
  rows: RecipientListRow[];
  /** Cursor of the next page, when there is one. */
  next: string | undefined;
}

type Order = { key: string | undefined; text: boolean };

// Each search mode walks one index in order and stops after a page (no count, no offset):
// name prefix → (lower(full_name) COLLATE "C", id), village prefix → (lower(village) COLLATE
// "C", id), NIK → the unique nik index, none → the primary key. Words found anywhere (3+
// letters) come in id order: the planner either walks the primary key and stops at the first
// page (a common word) or reads the few matches from the pg_trgm GIN index on lower(full_name)
// or lower(village) and sorts them (a rare one). Never in name order: walking the name index
// for a word that occurs only with names late in the alphabet reads most of the table first.
const ORDERS = {
  name: { key: 'lower(r.full_name) COLLATE "C"', text: true },
  village: { key: 'lower(r.village) COLLATE "C"', text: true },
  nik: { key: 'r.nik', text: true },
  id: { key: undefined, text: false },
} satisfies Record<string, Order>;

export const PAGE_SIZE = 50;

/** Escapes LIKE's wildcards so a typed % or _ matches itself. */
function likeEscape(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** Shortest word the trigram index can find anywhere (pg_trgm needs three characters). */
const MIN_WORD = 3;
const MAX_WORDS = 6;

/**
 * The condition for typed words on `column` (lower-cased). Each word of 3+ characters must
 * occur anywhere (`siti`, `rahay`, `ahayu` all find "Siti Contoh Rahayu"); a shorter word must
 * begin a word. Typed only 1–2 characters: the field must begin with them (the ordered index;
 * a two-letter fragment anywhere would match most of the register and no index narrows it).
 */
export function textMatch(column: string, typed: string, p: (value: unknown) => string): { sql: string; anywhere: boolean } {
  const words = [...new Set(typed.toLowerCase().split(/[\s,;]+/).filter((word) => word !== ''))].slice(0, MAX_WORDS);
  if (!words.some((word) => word.length >= MIN_WORD)) return { sql: `lower(${column}) COLLATE "C" LIKE ${p(`${likeEscape(typed.trim())}%`)}`, anywhere: false };
  const sql = words
    .map((word) =>
      word.length >= MIN_WORD
        ? `lower(${column}) LIKE ${p(`%${likeEscape(word)}%`)}`
        : `(lower(${column}) LIKE ${p(`${likeEscape(word)}%`)} OR lower(${column}) LIKE ${p(`% ${likeEscape(word)}%`)})`,
    )
    .join(' AND ');
  return { sql, anywhere: true };
}

/** One page of recipients in scope matching the filters. Index-backed at 1,000,000 rows. */
export async function searchRecipients(prisma: PrismaClient, scope: RecipientScope, filters: RecipientFilters, pageSize = PAGE_SIZE): Promise<RecipientPage> {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (scope.kind === 'facilitator') {
    // The facilitator's members as one array (hundreds of ids), read first in the same query:
    // the planner then always looks the members up by id, instead of walking every recipient
    // in id order and probing membership row by row, which a misjudged member count invites
    // (155 ms → 40 ms → a few ms for a facilitator's list at 1,000,000; one round trip).
    where.push(`r.id = ANY(ARRAY(SELECT m.recipient_id FROM kpm_group_facilitator f JOIN kpm_group_member m ON m.group_id = f.group_id
      WHERE f.staff_user_id = ${p(scope.staffUserId)}))`);
  } else {
    where.push(scopeSql(scope, params));
  }
  let order: Order = ORDERS.id;

  const q = filters.q?.trim() ?? '';
  const digits = q.replace(/[\s.-]/g, '');
  if (/^\d{1,16}$/.test(digits)) {
    // Digit strings of one length sort the same in every collation: a prefix is a BETWEEN range.
    where.push(digits.length === 16 ? `r.nik = ${p(digits)}` : `r.nik BETWEEN ${p(digits.padEnd(16, '0'))} AND ${p(digits.padEnd(16, '9'))}`);
    order = ORDERS.nik;
  } else if (q !== '') {
    const match = textMatch('r.full_name', q, p);
    where.push(match.sql);
    order = match.anywhere ? ORDERS.id : ORDERS.name;
  }
  const village = filters.village?.trim() ?? '';
  if (village !== '') {
    const match = textMatch('r.village', village, p);
    where.push(match.sql);
    // A name search already chose its order; village words stay in id order too.
    if (order === ORDERS.id && q === '' && !match.anywhere) order = ORDERS.village;
  }
  if (filters.regency) where.push(`r.regency = ${p(filters.regency)}`);
  if (filters.district) where.push(`r.district = ${p(filters.district)}`);
  if (filters.groupId !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM kpm_group_member gm WHERE gm.group_id = ${p(filters.groupId)} AND gm.recipient_id = r.id)`);
  }
  if (filters.program) {
    const program = p(filters.program);
    if (filters.stage) {
      const stage = p(filters.stage);
      // Current stage = reached, and no later stage (by position) of that program reached.
      where.push(`EXISTS (SELECT 1 FROM stage_event e WHERE e.recipient_id = r.id AND e.program_code = ${program} AND e.stage_code = ${stage})`);
      where.push(`NOT EXISTS (SELECT 1 FROM stage_event e2 JOIN program_stage ps ON ps.program_code = e2.program_code AND ps.code = e2.stage_code
        WHERE e2.recipient_id = r.id AND e2.program_code = ${program}
          AND ps.position > (SELECT s.position FROM program_stage s WHERE s.program_code = ${program} AND s.code = ${stage}))`);
    } else {
      where.push(`EXISTS (SELECT 1 FROM stage_event e WHERE e.recipient_id = r.id AND e.program_code = ${program})`);
    }
  }

  const cursor = decodeCursor(filters.after);
  if (cursor) {
    if (order.key && cursor.k !== undefined) where.push(`(${order.key}, r.id) > (${p(cursor.k)}, ${p(cursor.id)})`);
    else where.push(`r.id > ${p(cursor.id)}`);
  }
  const orderBy = order.key ? `${order.key}, r.id` : 'r.id';
  const sortKey = order.key ? `, ${order.key} AS sort_key` : '';
  const sql = `SELECT r.id, r.nik, r.full_name, r.regency, r.district, r.village${sortKey}
    FROM recipient r WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${pageSize + 1}`;
  const found = await prisma.$queryRawUnsafe<{ id: number; nik: string; full_name: string; regency: string; district: string; village: string; sort_key?: string }[]>(sql, ...params);

  const rows = found.slice(0, pageSize);
  const last = rows.at(-1);
  return {
    rows: rows.map((row) => ({ id: row.id, nik: row.nik, fullName: row.full_name, regency: row.regency, district: row.district, village: row.village })),
    next: found.length > pageSize && last ? encodeCursor({ id: last.id, ...(last.sort_key !== undefined ? { k: last.sort_key } : {}) }) : undefined,
  };
}

interface Cursor {
  id: number;
  k?: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** A cursor from the URL: anything malformed reads as "first page", never an error. */
function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text || text.length > 400) return undefined;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, k } = value as { id?: unknown; k?: unknown };
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
    return typeof k === 'string' ? { id, k } : { id };
  } catch {
    return undefined;
  }
}
