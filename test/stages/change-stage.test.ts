import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPrograms } from '../../src/importing/import-programs.js';
import { importRecipients } from '../../src/importing/import-recipients.js';
import { changeStage } from '../../src/stages/change-stage.js';
import type { StageChangeAudit } from '../../src/stages/stage-change-audit.js';
import type { StageForm } from '../../src/stages/stage-form.js';
import type { Prisma } from '../../src/storage/generated/client.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { csv, nik, NOW, PROGRAMS_CSV, RECIPIENT_HEADER, recipientRow } from '../importing/fixtures.js';

const form = (overrides: Partial<StageForm> = {}): StageForm => ({
  program: 'UEP',
  stage: 'barang-diterima',
  date: '2021-10-14',
  amount: 'Rp2.500.000',
  channel: 'serah terima barang',
  place: 'Kantor Kecamatan Taktakan',
  note: 'mesin jahit',
  ...overrides,
});

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`changeStage on ${backend.kind}`, () => {
    let db: TestDatabase;
    let recipientId: number;
    let audits: StageChangeAudit[];
    // Writes a real audit row in the change's transaction, as the dashboard's callback will.
    const audit = async (tx: Prisma.TransactionClient, entry: StageChangeAudit) => {
      audits.push(entry);
      await tx.auditLog.create({
        data: { action: entry.action, channel: 'dashboard', chatId: 'staff:1', recipientId: entry.recipientId, details: entry.details },
      });
    };

    beforeEach(async () => {
      db = await backend.open();
      audits = [];
      await importPrograms(db, PROGRAMS_CSV);
      await importRecipients(db, csv(RECIPIENT_HEADER, recipientRow(1)), { now: NOW });
      recipientId = (await db.prisma.recipient.findUniqueOrThrow({ where: { nik: nik(1) } })).id;
    });
    afterEach(async () => {
      await db.dispose();
    });

    it('creates the stage with date, amount, channel, place and note, audited without amounts or notes', async () => {
      const result = await changeStage(db, recipientId, form(), { audit, now: NOW });
      expect(result).toMatchObject({ ok: true, outcome: 'created' });
      expect(await db.prisma.stageEvent.findFirst({ where: { recipientId } })).toMatchObject({
        programCode: 'UEP', stageCode: 'barang-diterima', occurredOn: new Date('2021-10-14T00:00:00Z'),
        amount: 2_500_000n, channel: 'serah terima barang', place: 'Kantor Kecamatan Taktakan', note: 'mesin jahit',
      });
      expect(audits).toEqual([
        {
          action: 'stage.change',
          recipientId,
          details: {
            program: 'UEP', stage: 'barang-diterima', outcome: 'created', eventId: result.ok ? result.eventId : -1,
            changed: ['occurredOn', 'amount', 'channel', 'place', 'note'], before: null, after: { occurredOn: '2021-10-14' },
          },
        },
      ]);
      const stored = JSON.stringify((await db.prisma.auditLog.findFirstOrThrow()).details);
      for (const secret of ['2500000', 'mesin', 'Taktakan', nik(1)]) expect(stored).not.toContain(secret);
    });

    it('updates the same stage, names the changed fields, and reports a repeat as unchanged', async () => {
      await changeStage(db, recipientId, form(), { audit, now: NOW });
      const updated = await changeStage(db, recipientId, form({ date: '2021-10-15', amount: '', note: 'mesin jahit ' }), { audit, now: NOW });
      expect(updated).toMatchObject({ ok: true, outcome: 'updated' });
      expect(audits[1]?.details).toMatchObject({
        outcome: 'updated', changed: ['occurredOn', 'amount'], before: { occurredOn: '2021-10-14' }, after: { occurredOn: '2021-10-15' },
      });
      const again = await changeStage(db, recipientId, form({ date: '2021-10-15', amount: '' }), { audit, now: NOW });
      expect(again).toMatchObject({ ok: true, outcome: 'unchanged' });
      expect(audits[2]?.details).toMatchObject({ outcome: 'unchanged', changed: [] });
      expect(await db.prisma.stageEvent.count()).toBe(1);
      expect(await db.prisma.auditLog.count()).toBe(3);
    });

    it('gives one reason per refused field, with the import rules, and writes nothing', async () => {
      const result = await changeStage(
        db,
        recipientId,
        form({ program: 'U E P', stage: '', date: '2024-06-02', amount: '3,500,000', note: 'x'.repeat(501) }),
        { audit, now: NOW },
      );
      expect(result).toEqual({
        ok: false,
        code: 'invalid',
        errors: {
          program: { code: 'code-format', column: 'program' },
          stage: { code: 'required', column: 'stage' },
          date: { code: 'date-future' },
          amount: { code: 'amount' },
          note: { code: 'too-long', column: 'note', max: 500 },
        },
      });
      expect(await changeStage(db, recipientId, form({ date: '2021-02-30' }), { audit, now: NOW })).toMatchObject({
        errors: { date: { code: 'date-invalid' } },
      });
      expect(await changeStage(db, recipientId, form({ program: 'uep' }), { audit, now: NOW })).toEqual({
        ok: false, code: 'invalid', errors: { program: { code: 'unknown-program', program: 'uep', suggestion: 'UEP' } },
      });
      expect(await changeStage(db, recipientId, form({ stage: 'dicairkan' }), { audit, now: NOW })).toEqual({
        ok: false, code: 'invalid', errors: { stage: { code: 'unknown-stage', program: 'UEP', stage: 'dicairkan' } },
      });
      expect(await changeStage(db, recipientId + 999, form(), { audit, now: NOW })).toEqual({ ok: false, code: 'unknown-recipient' });
      expect(await db.prisma.stageEvent.count()).toBe(0);
      expect(audits).toEqual([]);
    });

    it('rolls the change back when the audit cannot be written', async () => {
      const failing = async () => {
        throw new Error('audit store down');
      };
      await expect(changeStage(db, recipientId, form(), { audit: failing, now: NOW })).rejects.toThrow('audit store down');
      expect(await db.prisma.stageEvent.count()).toBe(0);
    });
  });
}
