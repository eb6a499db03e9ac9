import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadReportSetup } from '../../../src/business-reports/chat/load-report-setup.js';
import { saveBusinessReport, type BusinessReportSubmission } from '../../../src/business-reports/save-business-report.js';
import { backends, type TestDatabase } from '../../support/backends.js';

const facts = {
  businessStatus: 'running', stopReason: null, stopNote: null, salesAmount: 4_000_000, profitAmount: 900_000,
  familyWorkers: null, paidWorkers: null, equipmentUse: null, problems: null,
} as const;

describe.each(backends)('loading what a KPM may report on, on $kind', (backend) => {
  let db: TestDatabase;
  let recipientId: number;
  const chat = () => ({ channel: 'telegram', chatId: '42', recipientId });

  beforeEach(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    await db.prisma.program.createMany({ data: [{ code: 'UEP', nameId: 'Usaha Ekonomi Produktif', nameEn: 'Productive Economic Enterprise' }, { code: 'PROKUS', nameId: 'Prokus', nameEn: 'Prokus' }] });
    // A Banten NIK: Jakarta time (UTC+7).
    recipientId = (await db.prisma.recipient.create({ data: { nik: '3673035203789001', fullName: 'Siti', regency: 'Kota Serang', district: 'T', village: 'S' } })).id;
    await db.prisma.stageEvent.create({ data: { recipientId, programCode: 'UEP', stageCode: 'terdaftar', occurredOn: new Date('2021-01-18') } });
  });
  afterEach(async () => {
    if (backend.skipReason) return;
    await db.dispose();
  });

  const save = (overrides: Partial<BusinessReportSubmission>) =>
    db.prisma.$transaction((tx) => saveBusinessReport(tx, {
      recipientId, programCode: 'UEP', period: '2026-11', facts, photos: [], channel: 'telegram', chatId: '42', late: false,
      submittedAt: new Date('2026-11-20T00:00:00Z'), ...overrides,
    }));

  it.skipIf(backend.skipReason)('early in the month the previous month is open too; last month’s figures come along; the view is audited', async () => {
    await save({ period: '2026-11' });
    // 4 December, 08:00 in Jakarta: before the late-report day (10).
    const setup = await loadReportSetup(db.prisma, chat(), { now: new Date('2026-12-04T01:00:00Z'), lateUntilDay: 10 });
    expect(setup.programs).toEqual([{ code: 'UEP', name: { id: 'Usaha Ekonomi Produktif', en: 'Productive Economic Enterprise' }, goods: true }]);
    expect(setup.periods).toEqual([
      { period: '2026-12', label: { id: 'Desember 2026', en: 'December 2026' }, late: false, reportedPrograms: [] },
      { period: '2026-11', label: { id: 'November 2026', en: 'November 2026' }, late: true, reportedPrograms: ['UEP'] },
    ]);
    expect(setup.previous).toEqual({ 'UEP:2026-12': { programCode: 'UEP', salesAmount: 4_000_000, profitAmount: 900_000 } });
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'disclose.business-report' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual({ programs: ['UEP'], periods: ['2026-12', '2026-11'] });
  });

  it.skipIf(backend.skipReason)('after the configured day only the current month is open', async () => {
    const setup = await loadReportSetup(db.prisma, chat(), { now: new Date('2026-12-11T01:00:00Z'), lateUntilDay: 10 });
    expect(setup.periods.map((period) => period.period)).toEqual(['2026-12']);
    // The day is the KPM's local day: 10 December 20:00 UTC is already the 11th in Jakarta.
    const local = await loadReportSetup(db.prisma, chat(), { now: new Date('2026-12-10T20:00:00Z'), lateUntilDay: 10 });
    expect(local.periods.map((period) => period.period)).toEqual(['2026-12']);
  });

  it.skipIf(backend.skipReason)('a KPM in no business program gets nothing and nothing is audited', async () => {
    await db.prisma.stageEvent.deleteMany({});
    const setup = await loadReportSetup(db.prisma, chat(), { now: new Date('2026-12-04T01:00:00Z'), lateUntilDay: 10 });
    expect(setup.programs).toEqual([]);
    expect(await db.prisma.auditLog.count()).toBe(0);
  });
});
