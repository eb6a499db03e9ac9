import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../../../audit/write-audit.js';
import { targetWithinScope } from '../../../proactive/broadcasts.js';
import { nextOccurrence, type RecurrenceSpec } from '../../../proactive/recurrence.js';
import { deleteRule, pauseRule, resumeRule } from '../../../proactive/rule-changes.js';
import { insertRule } from '../../../proactive/rules.js';
import { isEveryone, type TargetSpec } from '../../../proactive/target.js';
import type { Scope } from '../../../proactive/types.js';
import { Prisma } from '../../../storage/generated/client.js';
import { requireCapability } from '../../access/middleware.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { renderError } from '../../layout/error-page.js';
import { CsrfField, Layout } from '../../layout/layout.js';
import { formatLocalMoment } from '../../layout/local-moment.js';
import { targetOfForm } from '../broadcasts/broadcast-form.js';
import { broadcastScope } from '../broadcasts/broadcast-scope.js';
import { TargetFieldset, TargetSummary } from '../broadcasts/broadcast-views.js';
import { losesOwnerGroups, OwnerGroupsNote } from '../broadcasts/owner-groups-note.js';
import { targetTimeZone } from '../broadcasts/target-zone.js';
import { RULE_KINDS, recurrenceOfForm, reminderFormSchema } from './reminder-form.js';
import { describeRecurrence } from './reminder-views.js';

type C = Context<DashboardEnv>;
const idParam = z.coerce.number().int().positive().max(2_147_483_647);
/** Rules made on this page; rules of sessions (ownerKind 'session') are the Jadwal page's. */
const OWNER_KIND = 'staff';

interface StaffRule {
  id: number;
  createdById: number | null;
  recurrence: RecurrenceSpec;
  timeZone: string;
  target: TargetSpec;
  message: { kind: string; text?: string };
  nextFireAt: Date | null;
  pausedAt: Date | null;
}

// Access: 'reminders' (admin, operator: any target and cron expressions; facilitator: their own
// groups and their own rules, anything else answers 404 like a missing rule). Every change is
// audited in the transaction that makes it.
export function remindersRoute() {
  const app = new Hono<DashboardEnv>();
  app.use('/pengingat', requireCapability('reminders'));
  app.use('/pengingat/*', requireCapability('reminders'));

  app.get('/pengingat', (c) => listPage(c));

  app.post('/pengingat', async (c) => {
    const { prisma, now } = c.get('deps');
    const user = c.get('session').user;
    const parsed = reminderFormSchema.safeParse(await c.req.parseBody({ all: true }));
    if (!parsed.success) return listPage(c, 'reminders.invalid', 400);
    const form = parsed.data;
    const scope = await broadcastScope(prisma, user);
    const operator = scope === 'all';
    if (form.kind === 'cron' && !operator) return listPage(c, 'reminders.problems.cronOperatorsOnly', 400);
    const target = targetOfForm(form, operator);
    if (isEveryone(target)) return listPage(c, 'reminders.noTarget', 400);
    if (!targetWithinScope(target, scope)) return renderError(c, 403, 'errors.forbidden');
    const timeZone = await targetTimeZone(prisma, target);
    const schedule = recurrenceOfForm(form, timeZone);
    if (!schedule.ok) return listPage(c, `reminders.problems.${schedule.problem}`, 400);
    const spec = schedule.spec;
    if (spec.kind === 'relative' && spec.anchor.type === 'stage') {
      const stage = await prisma.programStage.findFirst({ where: { programCode: spec.anchor.programCode, code: spec.anchor.stageCode }, select: { code: true } });
      if (!stage) return listPage(c, 'reminders.problems.stage', 400);
    }
    const at = now();
    if (!nextOccurrence(spec, timeZone, at)) return listPage(c, 'reminders.problems.inPast', 400);
    const requestKey = `dashboard-${user.id}-${form.requestKey}`;
    try {
      await prisma.$transaction(async (tx) => {
        // A double submit finds the first rule (or, racing it, the unique key refuses the second).
        if (await tx.reminderRule.findUnique({ where: { requestKey }, select: { id: true } })) return;
        const rule = await insertRule(tx, { ownerKind: OWNER_KIND, createdById: user.id, requestKey, recurrence: spec, timeZone, target, message: { kind: 'text', text: form.text } }, at);
        await writeAudit(tx, { action: 'rule.create', channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id, details: { ruleId: rule.id, kind: form.kind, timeZone } });
      });
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    }
    return c.redirect(`${BASE}/pengingat`, 303);
  });

  app.post('/pengingat/:id/:action', async (c) => {
    const { prisma, now } = c.get('deps');
    const user = c.get('session').user;
    const rule = await ownRule(c);
    const action = c.req.param('action');
    if (!rule || !['jeda', 'lanjutkan', 'hapus'].includes(action)) return renderError(c, 404, 'errors.notFound');
    const at = now();
    const problem = await prisma.$transaction(async (tx) => {
      const audit = (name: 'rule.pause' | 'rule.resume' | 'rule.cancel') =>
        writeAudit(tx, { action: name, channel: 'dashboard', chatId: user.username, recipientId: null, staffUserId: user.id, details: { ruleId: rule.id } });
      if (action === 'jeda') {
        if (!(await pauseRule(tx, rule.id, at))) return 'reminders.problems.notActive';
        await audit('rule.pause');
      } else if (action === 'lanjutkan') {
        if ((await resumeRule(tx, rule.id, at)) === undefined) return 'reminders.problems.notPaused';
        await audit('rule.resume');
      } else {
        if (!(await deleteRule(tx, rule.id, at))) return 'reminders.problems.notActive';
        await audit('rule.cancel');
      }
      return null;
    });
    if (problem) return listPage(c, problem, 400);
    return c.redirect(`${BASE}/pengingat`, 303);
  });

  return app;
}

/** The staff rule named in the path, when this user may change it (a facilitator: their own, within their groups). */
async function ownRule(c: C): Promise<StaffRule | null> {
  const { prisma } = c.get('deps');
  const user = c.get('session').user;
  const id = idParam.safeParse(c.req.param('id'));
  if (!id.success) return null;
  const rule = (await prisma.reminderRule.findFirst({ where: { id: id.data, ownerKind: OWNER_KIND, cancelledAt: null } })) as unknown as StaffRule | null;
  if (!rule) return null;
  const scope = await broadcastScope(prisma, user);
  if (scope !== 'all' && (rule.createdById !== user.id || !targetWithinScope(rule.target, scope))) return null;
  return rule;
}

function rulesWhere(scope: Scope, userId: number) {
  return { ownerKind: OWNER_KIND, cancelledAt: null, ...(scope === 'all' ? {} : { createdById: userId }) };
}

async function listPage(c: C, errorKey?: string, status: 200 | 400 = 200) {
  const { prisma } = c.get('deps');
  const t = c.get('t');
  const lang = c.get('lang');
  const session = c.get('session');
  const scope = await broadcastScope(prisma, session.user);
  const operator = scope === 'all';
  const [groups, programs, stages, rows] = await Promise.all([
    prisma.kpmGroup.findMany({ where: operator ? {} : { id: { in: scope.groupIds } }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    operator ? prisma.program.findMany({ orderBy: { code: 'asc' }, select: { code: true, nameId: true, nameEn: true } }) : Promise.resolve([]),
    prisma.programStage.findMany({ orderBy: [{ programCode: 'asc' }, { position: 'asc' }], select: { programCode: true, code: true, labelId: true, labelEn: true } }),
    prisma.reminderRule.findMany({ where: rulesWhere(scope, session.user.id), orderBy: { id: 'desc' }, take: 200 }),
  ]);
  const rules = rows as unknown as StaffRule[];
  // Rules whose creator no longer has some of their groups: those groups' KPM are skipped at each fire.
  const scopes = new Map<number, Scope>();
  const losing = new Set<number>();
  for (const rule of rules) if (await losesOwnerGroups(prisma, rule, scopes)) losing.add(rule.id);
  const kinds = RULE_KINDS.filter((kind) => operator || kind !== 'cron');
  return c.html(
    <Layout c={c} title={t('reminders.title')}>
      {errorKey ? <p class="error" role="alert">{t(errorKey)}</p> : null}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('reminders.text')}</th>
              <th>{t('reminders.schedule')}</th>
              <th>{t('broadcasts.target')}</th>
              <th>{t('reminders.next')}</th>
              <th>{t('reminders.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.length === 0 ? (
              <tr><td colspan={5}>{t('reminders.none')}</td></tr>
            ) : null}
            {rules.map((rule) => (
              <tr data-rule={String(rule.id)}>
                <td>{excerpt(rule.message.text ?? '')}</td>
                <td>{describeRecurrence(c, rule.recurrence, rule.timeZone)}</td>
                <td>
                  <TargetSummary c={c} target={rule.target} />
                  {losing.has(rule.id) ? <OwnerGroupsNote c={c} inTable /> : null}
                </td>
                <td data-testid={`rule-${rule.id}-next`}>
                  {rule.pausedAt ? t('reminders.paused') : rule.nextFireAt ? formatLocalMoment(rule.nextFireAt, rule.timeZone, lang) : t('reminders.noMore')}
                  {rule.recurrence.kind === 'relative' && !rule.pausedAt ? <span class="muted"> ({t('reminders.dailyCheck')})</span> : null}
                </td>
                <td>
                  <form method="post" action={`${BASE}/pengingat/${rule.id}/${rule.pausedAt ? 'lanjutkan' : 'jeda'}`} class="inline">
                    <CsrfField token={session.csrfToken} />
                    <button type="submit" class="secondary">{t(rule.pausedAt ? 'reminders.resume' : 'reminders.pause')}</button>
                  </form>{' '}
                  <form method="post" action={`${BASE}/pengingat/${rule.id}/hapus`} class="inline">
                    <CsrfField token={session.csrfToken} />
                    <button type="submit" class="danger">{t('reminders.delete')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('reminders.new')}</h2>
      <form method="post" action={`${BASE}/pengingat`} class="stacked">
        <CsrfField token={session.csrfToken} />
        <input type="hidden" name="requestKey" value={randomBytes(12).toString('base64url')} />
        <label>
          {t('reminders.text')}
          <textarea name="text" required maxlength={2000} rows={3}></textarea>
        </label>
        <fieldset>
          <legend>{t('reminders.when')}</legend>
          <p class="muted">{t('reminders.whenHint')}</p>
          <label>
            {t('reminders.kind')}
            <select name="kind">
              {kinds.map((kind) => (
                <option value={kind}>{t(`reminders.kinds.${kind}`)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('reminders.date')}
            <input type="date" name="date" />
          </label>
          <label>
            {t('reminders.time')}
            <input type="time" name="time" />
          </label>
          <fieldset>
            <legend>{t('reminders.days')}</legend>
            {[1, 2, 3, 4, 5, 6, 0].map((day) => (
              <label class="check">
                <input type="checkbox" name="days" value={String(day)} /> {t(`reminders.weekdays.${day}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('reminders.dayOfMonth')}
            <input type="number" name="dayOfMonth" min={1} max={31} />
          </label>
          <label>
            {t('reminders.offsetDays')}
            <input type="number" name="offsetDays" min={1} max={366} />
          </label>
          <label>
            {t('reminders.stage')}
            <select name="stage">
              <option value="">—</option>
              {stages.map((stage) => (
                <option value={`${stage.programCode}/${stage.code}`}>{`${stage.programCode}: ${lang === 'en' ? stage.labelEn : stage.labelId} (${stage.code})`}</option>
              ))}
            </select>
          </label>
          {operator ? (
            <label>
              {t('reminders.cron')}
              <input name="cron" maxlength={100} placeholder="0 9 * * 1" />
            </label>
          ) : null}
        </fieldset>
        <TargetFieldset c={c} groups={groups} programs={programs} operator={operator} />
        <button type="submit">{t('reminders.create')}</button>
      </form>
    </Layout>,
    status,
  );
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
