import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  enrolledBusinessPrograms, findBusinessReport, findBusinessReportByReference, listBusinessReportVersions,
  listRecipientBusinessReports, saveBusinessReport, type BusinessReportSubmission,
} from '../../src/business-reports/index.js';
import { backends, type TestDatabase } from '../support/backends.js';

const running = {
  businessStatus: 'running', stopReason: null, stopNote: null, salesAmount: 1_500_000, profitAmount: 450_000,
  familyWorkers: 1, paidWorkers: 0, equipmentUse: 'all-used', problems: 'Butuh etalase',
} as const;

const photo = { position: 1, mediaKey: 'local:aa', thumbnailKey: 'local:bb', mimeType: 'image/jpeg', width: 800, height: 600, byteSize: 51234 };

describe.each(backends)('business reports on $kind', (backend) => {
  let db: TestDatabase;
  let recipientId: number;
  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    await db.prisma.program.createMany({ data: [
      { code: 'UEP', nameId: 'UEP', nameEn: 'UEP' }, { code: 'PROKUS', nameId: 'Prokus', nameEn: 'Prokus' },
      { code: 'JAMSOSRATU', nameId: 'Jamsosratu', nameEn: 'Jamsosratu' },
    ] });
    const recipient = await db.prisma.recipient.create({ data: {
      nik: '3673035203789001', fullName: 'Siti Contoh', regency: 'Kota Serang', district: 'Serang', village: 'Cipare',
    } });
    recipientId = recipient.id;
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });

  const save = (value: BusinessReportSubmission, reference?: () => string) =>
    db.prisma.$transaction((tx) => saveBusinessReport(tx, value, reference));

  function submission(overrides: Partial<BusinessReportSubmission> = {}): BusinessReportSubmission {
    return {
      recipientId, programCode: 'UEP', period: '2026-11', facts: running, photos: [photo], channel: 'telegram', chatId: '42',
      late: false, submittedAt: new Date('2026-11-20T03:00:00Z'), ...overrides,
    };
  }

  it.skipIf(backend.skipReason)('a second report in the same month replaces the first and keeps it as history', async () => {
    const first = await save(submission());
    expect(first.replacedVersion).toBeNull();
    expect(first.report.reference).toMatch(/^LU-[2-9A-Z]{6}$/);
    const second = await save(submission({
      facts: { ...running, salesAmount: 2_000_000 }, photos: [], submittedAt: new Date('2026-11-21T03:00:00Z'),
    }));
    expect(second.replacedVersion).toBe(1);
    expect(second.report).toMatchObject({ id: first.report.id, version: 2, salesAmount: 2_000_000, photos: [] });
    expect(second.report.reference).not.toBe(first.report.reference);
    const history = await listBusinessReportVersions(db.prisma, first.report.id);
    expect(history).toEqual([expect.objectContaining({
      version: 1, reference: first.report.reference, salesAmount: 1_500_000, photos: [photo],
      replacedAt: new Date('2026-11-21T03:00:00Z'),
    })]);
    expect(await db.prisma.businessReport.count()).toBe(1);
    expect(await findBusinessReportByReference(db.prisma, second.report.reference)).toMatchObject({ version: 2 });
  });

  it.skipIf(backend.skipReason)('each month and program is its own report; the trend reads oldest month first', async () => {
    await save(submission({ period: '2026-11' }));
    await save(submission({ period: '2026-10', late: true }));
    await save(submission({ programCode: 'PROKUS', facts: { ...running, equipmentUse: null } }));
    const uep = await listRecipientBusinessReports(db.prisma, recipientId, { programCode: 'UEP' });
    expect(uep.map((report) => [report.period, report.late])).toEqual([['2026-10', true], ['2026-11', false]]);
    expect(await findBusinessReport(db.prisma, recipientId, 'PROKUS', '2026-11')).toMatchObject({ equipmentUse: null, profitAmount: 450_000 });
    expect(await findBusinessReport(db.prisma, recipientId, 'PROKUS', '2026-10')).toBeNull();
  });

  it.skipIf(backend.skipReason)('the audit entry names the report, never its figures', async () => {
    const saved = await save(submission());
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'business-report.submit' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ recipientId, channel: 'telegram', chatId: '42' });
    expect(audit[0]!.details).toEqual({ programCode: 'UEP', period: '2026-11', reference: saved.report.reference, replacedVersion: null, photos: 1 });
    expect(JSON.stringify(audit[0]!.details)).not.toContain('1500000');
  });

  it.skipIf(backend.skipReason)('a clash of references draws a new one', async () => {
    const saved = await save(submission(), () => 'LU-AAAAAA');
    const draws = ['LU-AAAAAA', 'LU-BBBBBB'];
    const next = await save(submission({ programCode: 'PROKUS' }), () => draws.shift()!);
    expect(saved.report.reference).toBe('LU-AAAAAA');
    expect(next.report.reference).toBe('LU-BBBBBB');
  });

  it.skipIf(backend.skipReason)('enrolment in a business program comes from stage events or group membership', async () => {
    expect(await enrolledBusinessPrograms(db.prisma, recipientId)).toEqual([]);
    await db.prisma.stageEvent.create({ data: { recipientId, programCode: 'JAMSOSRATU', stageCode: 'dicairkan', occurredOn: new Date('2020-12-14') } });
    expect(await enrolledBusinessPrograms(db.prisma, recipientId)).toEqual([]);
    await db.prisma.stageEvent.create({ data: { recipientId, programCode: 'UEP', stageCode: 'terdaftar', occurredOn: new Date('2021-01-18') } });
    const group = await db.prisma.kpmGroup.create({ data: { name: 'Kelompok Mawar', programCode: 'PROKUS', regency: 'Kota Serang' } });
    await db.prisma.kpmGroupMember.create({ data: { groupId: group.id, recipientId } });
    expect((await enrolledBusinessPrograms(db.prisma, recipientId)).map((program) => [program.code, program.goods]))
      .toEqual([['PROKUS', false], ['UEP', true]]);
  });
});
