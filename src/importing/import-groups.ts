import type { Database } from '../storage/database.js';
import { readCsv } from './csv/read-csv.js';
import type { ImportOptions } from './import-options.js';
import { GROUP_MEMBER_COLUMNS, groupMemberRowSchema, type GroupMemberRow } from './rows/group-member-row.js';
import { parseRow } from './rows/parse-row.js';
import type { RejectionReason } from './rejection-reason.js';
import { emptyReport, rejectRow, sortRejected, type ValidationReport } from './validation-report.js';

/**
 * Imports group memberships from CSV text (`nik,kelompok`, optionally `program,model,
 * kabupaten_kota,kecamatan,desa` to create a group that does not exist yet). A KPM may be in
 * several groups; a membership already there counts as unchanged, so a re-import changes
 * nothing. Created groups count as created rows' side effect (not in the counts). Throws
 * CsvFormatError when the file cannot be read at all.
 */
export async function importGroups(db: Pick<Database, 'prisma'>, csv: string, options: ImportOptions = {}): Promise<ValidationReport> {
  const report = emptyReport('groups');
  const content = readCsv(csv, GROUP_MEMBER_COLUMNS);
  report.read = content.rows.length + content.rejected.length;
  report.rejected.push(...content.rejected);
  const schema = groupMemberRowSchema(options.now ?? new Date());
  const prisma = options.transaction ?? db.prisma;

  const firstLine = new Map<string, number>();
  const valid: { line: number; row: GroupMemberRow }[] = [];
  for (const { line, cells } of content.rows) {
    const parsed = parseRow(schema, cells);
    if (!parsed.ok) {
      rejectRow(report, line, parsed.reasons);
      continue;
    }
    const key = `${parsed.value.nik}|${parsed.value.groupName.toLowerCase()}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      rejectRow(report, line, [{ code: 'duplicate', firstLine: first }]);
      continue;
    }
    firstLine.set(key, line);
    valid.push({ line, row: parsed.value });
  }

  const programs = new Set((await prisma.program.findMany({ select: { code: true } })).map((p) => p.code));
  const groupIds = new Map<string, number>();
  let done = report.read - valid.length;
  for (let start = 0; start < valid.length; start += options.batchSize ?? 1000) {
    const batch = valid.slice(start, start + (options.batchSize ?? 1000));
    const recipients = new Map(
      (await prisma.recipient.findMany({ where: { nik: { in: batch.map((v) => v.row.nik) } }, select: { id: true, nik: true } })).map((r) => [r.nik, r.id]),
    );
    for (const { line, row } of batch) {
      const recipientId = recipients.get(row.nik);
      if (recipientId === undefined) {
        rejectRow(report, line, [{ code: 'unknown-recipient' }]);
        continue;
      }
      const group = await resolveGroup(row);
      if (!group.ok) {
        rejectRow(report, line, [group.reason]);
        continue;
      }
      const inserted = await prisma.$executeRaw`INSERT INTO kpm_group_member (group_id, recipient_id) VALUES (${group.id}, ${recipientId}) ON CONFLICT DO NOTHING`;
      if (inserted > 0) report.created += 1;
      else report.unchanged += 1;
    }
    done += batch.length;
    await options.onProgress?.({ done, total: report.read, rejected: report.rejected.length });
  }
  return sortRejected(report);

  /** The group by name (case-insensitive); created from the row's program and region when new. */
  async function resolveGroup(row: GroupMemberRow): Promise<{ ok: true; id: number } | { ok: false; reason: RejectionReason }> {
    const key = row.groupName.toLowerCase();
    const known = groupIds.get(key);
    if (known !== undefined) return { ok: true, id: known };
    const existing = await prisma.kpmGroup.findFirst({ where: { name: { equals: row.groupName, mode: 'insensitive' } }, select: { id: true } });
    if (existing) {
      groupIds.set(key, existing.id);
      return { ok: true, id: existing.id };
    }
    if (!row.programCode) return { ok: false, reason: { code: 'required', column: 'program' } };
    if (!programs.has(row.programCode)) return { ok: false, reason: { code: 'unknown-program', program: row.programCode } };
    if (!row.regency) return { ok: false, reason: { code: 'required', column: 'kabupaten_kota' } };
    const created = await prisma.kpmGroup.create({
      data: { name: row.groupName, programCode: row.programCode, prokusModel: row.prokusModel, regency: row.regency, district: row.district, village: row.village },
    });
    groupIds.set(key, created.id);
    return { ok: true, id: created.id };
  }
}
