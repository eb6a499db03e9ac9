import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { DEFAULT_REMINDER_OFFSETS } from '../../src/mentoring/reminder-offsets.js';
import { sessionNoticesJob } from '../../src/mentoring/session-notice-job.js';
import { createSession } from '../../src/mentoring/sessions.js';
import { abortableDelay } from '../../src/outbox/clock.js';
import { createProactive } from '../../src/proactive/index.js';
import { reminderRulesJob, Scheduler } from '../../src/proactive/scheduler.js';
import { seedDemoData } from '../../src/seed/seed-demo-data.js';
import { backends, type TestDatabase } from '../support/backends.js';
import { facilitatorWithGroup } from './sessions-fixture.js';

const t = createTranslator();
// 08:00 WIB on 28 November 2026.
const NOW = new Date('2026-11-28T01:00:00Z');

/**
 * Session notices as a job of the one scheduler loop: they go out through the proactive core
 * with its quiet hours, the configured ones (QUIET_HOURS_*), not only the stored overrides.
 */
describe.each(backends)('session notices in the one scheduler on $kind', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    if (backend.skipReason) return;
    db = await backend.open();
    await seedDemoData(db);
  }, 180_000);
  afterAll(async () => {
    await db?.dispose();
  });

  it.skipIf(backend.skipReason)('an invitation due in the configured quiet hours waits for their end', async () => {
    const { staffId, groupId, recipientId } = await facilitatorWithGroup(db);
    await db.prisma.conversation.create({ data: { channel: 'telegram', chatId: '501', machineId: 'kpm-assistant', machineVersion: 2, recipientId, lastActivityAt: NOW } });
    const actor = { staffUserId: staffId, role: 'facilitator', channel: 'dashboard', chatId: 'pendamping1' };
    const created = await db.prisma.$transaction((tx) => createSession(tx, actor, { title: 'Bimtek pembukuan', startsLocal: '2026-12-01T10:00', place: 'Balai Desa', groupIds: [groupId] }, DEFAULT_REMINDER_OFFSETS, NOW));
    expect(created.ok).toBe(true);

    // This deployment keeps quiet until 09:30 local time (QUIET_HOURS_START/END 21:00–09:30).
    const clock = { now: () => NOW.getTime(), sleep: abortableDelay };
    const proactive = createProactive({ db, translate: t, clock, quietHours: { start: 21 * 60, end: 9 * 60 + 30 } });
    const logger = pino({ level: 'silent' });
    const scheduler = new Scheduler({
      jobs: [reminderRulesJob(proactive, logger), sessionNoticesJob({ db, translate: t, quietHoursFor: () => proactive.quietHoursFor() })],
      logger,
      clock,
    });
    expect(await scheduler.runJob('session-notices')).toBe(1);
    const [message] = await db.prisma.outboundMessage.findMany({ where: { kind: 'proactive' } });
    // 09:30 WIB is 02:30 UTC: the invitation waits for the end of this deployment's quiet hours.
    expect(message?.nextAttemptAt.toISOString()).toBe('2026-11-28T02:30:00.000Z');
  });
});
