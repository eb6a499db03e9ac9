import type { Context } from 'hono';
import { SKIP_REASONS, type SkipReason } from '../../../proactive/skip-reason.js';
import type { TargetSpec } from '../../../proactive/target.js';
import type { Progress } from '../../../proactive/types.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';

type C = Context<DashboardEnv>;

/** Why KPM of the target are left out, one line per reason that applies. */
export function LeftOutList(props: { c: C; leftOut: Partial<Record<SkipReason, number>> }) {
  const t = props.c.get('t');
  const reasons = SKIP_REASONS.filter((reason) => (props.leftOut[reason] ?? 0) > 0);
  if (reasons.length === 0) return <p>{t('broadcasts.noneLeftOut')}</p>;
  return (
    <div>
      <p>{t('broadcasts.leftOut')}</p>
      <ul data-testid="left-out">
        {reasons.map((reason) => (
          <li>{t(`broadcasts.reasons.${reason}`)}: {props.leftOut[reason]}</li>
        ))}
      </ul>
    </div>
  );
}

/** Progress of a confirmed broadcast; while messages wait, htmx refreshes it every 2 seconds. */
export function ProgressTable(props: { c: C; id: number; progress: Progress; live: boolean }) {
  const t = props.c.get('t');
  const p = props.progress;
  const rows: Array<[string, number]> = [
    ['queued', p.queued],
    ['sent', p.sent],
    ['unconfirmed', p.unconfirmed],
    ['delivered', p.delivered],
    ['read', p.read],
    ['failed', p.failed],
  ];
  const refresh = props.live ? { 'hx-get': `${BASE}/pengumuman/${props.id}/progres`, 'hx-trigger': 'every 2s', 'hx-swap': 'outerHTML' } : {};
  return (
    <section id="progress" data-testid="progress" {...refresh}>
      <h2>{t('broadcasts.progress')}</h2>
      <table>
        <tbody>
          {rows.map(([key, count]) => (
            <tr>
              <th>{t(`broadcasts.counts.${key}`)}</th>
              <td data-testid={`count-${key}`}>{count}</td>
            </tr>
          ))}
          {SKIP_REASONS.filter((reason) => (p.skipped[reason] ?? 0) > 0).map((reason) => (
            <tr>
              <th>{t('broadcasts.counts.skipped')}: {t(`broadcasts.reasons.${reason}`)}</th>
              <td data-testid={`skipped-${reason}`}>{p.skipped[reason]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The target in words (groups by id, filters as given). */
export function TargetSummary(props: { c: C; target: TargetSpec }) {
  const t = props.c.get('t');
  const parts: string[] = [];
  const target = props.target;
  if (target.groupIds?.length) parts.push(`${t('broadcasts.groups')}: ${target.groupIds.length}`);
  if (target.programCodes?.length) parts.push(`${t('groups.program')}: ${target.programCodes.join(', ')}`);
  if (target.stageCodes?.length) parts.push(`${t('broadcasts.stage')}: ${target.stageCodes.join(', ')}`);
  if (target.regencies?.length) parts.push(`${t('recipients.regency')}: ${target.regencies.join(', ')}`);
  if (target.districts?.length) parts.push(`${t('recipients.district')}: ${target.districts.join(', ')}`);
  if (target.villages?.length) parts.push(`${t('recipients.village')}: ${target.villages.join(', ')}`);
  if (target.prokusModels?.length) parts.push(`${t('groups.model')}: ${target.prokusModels.join(', ')}`);
  if (target.channels?.length) parts.push(`${t('broadcasts.channel')}: ${target.channels.join(', ')}`);
  return <p class="target">{t('broadcasts.target')}: {parts.join(' · ')}</p>;
}

/**
 * Whom a message goes to: the groups the user may reach and, for operators, filters by program,
 * stage, region, Prokus model and channel. Posts the fields of `targetFieldsSchema`.
 */
export function TargetFieldset(props: { c: C; groups: Array<{ id: number; name: string }>; programs: Array<{ code: string; nameId: string; nameEn: string }>; operator: boolean }) {
  const t = props.c.get('t');
  const lang = props.c.get('lang');
  const { groups, programs, operator } = props;
  return (
    <>
    <fieldset>
      <legend>{t('broadcasts.groups')}</legend>
      {groups.length === 0 ? <p>{t('broadcasts.noGroups')}</p> : null}
      {groups.map((group) => (
        <label class="check">
          <input type="checkbox" name="groupIds" value={String(group.id)} /> {group.name}
        </label>
      ))}
    </fieldset>
    {operator ? (
      <fieldset>
        <legend>{t('broadcasts.filters')}</legend>
        <label>
          {t('groups.program')}
          <select name="programCode">
            <option value="">{t('broadcasts.any')}</option>
            {programs.map((p) => (
              <option value={p.code}>{lang === 'en' ? p.nameEn : p.nameId}</option>
            ))}
          </select>
        </label>
        <label>
          {t('broadcasts.stage')}
          <input name="stageCode" maxlength={50} />
        </label>
        <label>
          {t('recipients.regency')}
          <input name="regencies" maxlength={500} placeholder={t('broadcasts.commaHint')} />
        </label>
        <label>
          {t('recipients.district')}
          <input name="districts" maxlength={500} />
        </label>
        <label>
          {t('recipients.village')}
          <input name="villages" maxlength={500} />
        </label>
        <label>
          {t('groups.model')}
          <select name="prokusModel">
            <option value="">{t('broadcasts.any')}</option>
            {(['pembibitan', 'mentoring', 'inkubasi'] as const).map((model) => (
              <option value={model}>{t(`groups.models.${model}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('broadcasts.channel')}
          <select name="channel">
            <option value="">{t('broadcasts.any')}</option>
            <option value="telegram">Telegram</option>
            <option value="whatsapp">WhatsApp</option>
            <option value="whatsapp-cloud">WhatsApp Cloud API</option>
          </select>
        </label>
      </fieldset>
    ) : null}
    </>
  );
}
