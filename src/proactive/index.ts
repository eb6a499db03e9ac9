/**
 * # Proactive messages: reminders, broadcasts, opt-out (the delivery core)
 *
 * Everything the bot sends without being asked goes through here, and from here through the
 * outbox's **bulk lane** (outbound_message.lane = 1): claimed only after conversation replies
 * (lane 0), never ahead of them, paced by the same per-channel limits.
 *
 * ## Exactly once
 * Each (source, occurrence, KPM) is one `proactive_send` row, UNIQUE on
 * (source_kind, source_id, occurrence_key, recipient_id), inserted in the same transaction as
 * its outbound message (`INSERT … ON CONFLICT DO NOTHING`). A repeated confirm, a second
 * process or a restart after a crash finds the row and sends nothing more. A KPM gets one
 * message per occurrence on ONE chat: their linked chat used last (conversation.last_activity_at).
 *
 * ## Service API (`createProactive(options)` → `Proactive`)
 * ```ts
 * const proactive = createProactive({ db, translate, clock, logger, quietHours });
 *
 * // Low level: what broadcasts and rules use; sessions may call it for invitations / notices.
 * await proactive.enqueue({
 *   sourceKind: 'session-invite', sourceId: session.id, occurrenceKey: 'v1',
 *   target: { recipientIds }, message: { kind: 'reply', reply: { lines: [...], choices: [...] } },
 *   notBefore?: Date, priority?: 'bulk' | 'normal',
 * }); // → { queued, skipped: { 'opted-out': n, ... }, alreadyQueued }
 *
 * // Broadcasts (scope: 'all' for operators, or { groupIds } of a facilitator)
 * await proactive.preview(target, scope);              // → { reach, leftOut: {reason: n}, byChannel }
 * const b = await proactive.createBroadcast({ requestKey, createdById, target, message, sendAt? }, scope);
 *                                                     // same requestKey → same broadcast (idempotent)
 * await proactive.confirmBroadcast(b.id);             // enqueues once; sendAt over a minute ahead: only confirmed,
 *                                                     // the scheduler's job enqueues it at sendAt (for the members then)
 * await proactive.enqueueDueBroadcasts();             // that job's step (scheduledBroadcastsJob)
 * await proactive.cancelBroadcast(b.id);              // what is not yet sent is not sent
 * await proactive.progress(b.id);                     // → { total, queued, sent, unconfirmed, delivered, read, failed, skipped: {reason: n} }
 *
 * // Reminder rules (schedules in the database)
 * await proactive.createRule({ ownerKind: 'session', ownerId: String(session.id), createdById,
 *   recurrence: { kind: 'once', at: '2026-12-01T09:00+07:00' }, timeZone: 'Asia/Jakarta',
 *   target: { groupIds: [3] }, message });          // → rule (nextFireAt = first occurrence after now)
 * await proactive.cancelRules({ ownerKind: 'session', ownerId: '12' }); // e.g. on reschedule/cancel
 * await proactive.cancelRule(ruleId);
 * // Dashboard (Pengingat): in the caller's transaction, audited beside it (rule-changes.ts)
 * await pauseRule(tx, ruleId, now); await resumeRule(tx, ruleId, now); await deleteRule(tx, ruleId, now);
 * await proactive.fireDueRules();                   // one scheduler step (the Scheduler loop calls it)
 *
 * // The one background loop (scheduler.ts): every job of it finds what is due and sends through
 * // the unique-key path above: reminder rules (reminderRulesJob), scheduled broadcasts (scheduledBroadcastsJob), session notices
 * // (src/mentoring/session-notice-job.ts), "saatnya lapor" (src/report-reminders/report-reminder-job.ts).
 * const scheduler = new Scheduler({ jobs: [reminderRulesJob(proactive, logger), ...], logger, clock, onQueued });
 * scheduler.start(); await scheduler.runJob('session-notices'); await scheduler.stop();
 *
 * // Opt-out (the KPM flow's effect calls it; every sender honours it at send time)
 * await proactive.setOptOut({ channel, chatId }, true | false); // → { changed }
 * ```
 * Recurrence (recurrence.ts): once | daily | weekly(days) | monthly(day) | cron | relative
 * (N days after/before a date in the data: stage reached, or the local start date of a
 * scheduled session the KPM is invited to — the dashboard's "N days before a session"). For "N days before a mentoring
 * session", the sessions side creates `once` rules owned by the session (ownerKind 'session')
 * and replaces them on reschedule with `cancelRules` + `createRule` (occurrence keys differ).
 *
 * First occurrence obeys the rule (computed strictly after creation); a fire found late by
 * more than `lateToleranceMs` (default 10 min) is skipped, and `next_fire_at` is advanced past
 * now in the same transaction that records the fire, so nothing is sent late in a burst. The
 * audience is resolved at each fire: a KPM added to a group later gets later occurrences.
 *
 * ## At send time (outbox bulk lane)
 * - Quiet hours in the KPM's zone (WIB/WITA/WIT from the NIK's province; operator override per
 *   regency in quiet_hours_override): due then → moved to their end, never dropped.
 * - Opt-out (BERHENTI/STOP/berhenti pengingat) marks every waiting proactive message of that
 *   person 'skipped' at once; claimed-not-yet-sent ones too (the outbox's sending fence).
 * - Cancelled broadcast/rule: waiting messages marked 'cancelled'.
 * - WhatsApp Cloud: outside the 24-hour window the message's `template` (or the configured
 *   one) goes instead; with none it fails with the reason `outside-window`.
 */
export { createProactive, type Proactive, type ProactiveOptions } from './proactive.js';
export { reminderRulesJob, Scheduler, type ScheduledJob, type SchedulerOptions } from './scheduler.js';
export type { MessageSpec, TemplateSpec } from './message-spec.js';
export type { TargetSpec } from './target.js';
export type { RecurrenceSpec } from './recurrence.js';
export type { SkipReason } from './skip-reason.js';
export type { QuietHours } from './quiet-hours.js';
export type { Scope, Preview, Progress, EnqueueInput, EnqueueResult } from './types.js';
