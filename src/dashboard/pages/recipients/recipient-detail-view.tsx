import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { maskNik } from '../../../domain/nik/mask-nik.js';
import { formatRupiah } from '../../../i18n/format-rupiah.js';
import { can } from '../../access/roles.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { actionLabel, formatDay, formatMoment, maskPhone } from '../../layout/format.js';
import { CsrfField, Layout } from '../../layout/layout.js';
import type { RecipientDetail } from './load-recipient-detail.js';

/** One KPM: facts, stage timeline per program, groups, linked chats and the audit entries about them. */
export function RecipientDetailView(props: { c: Context<DashboardEnv>; detail: RecipientDetail; revealed: boolean; stageForm?: Child; attendance?: Child }) {
  const { c, detail } = props;
  const t = c.get('t');
  const lang = c.get('lang');
  const session = c.get('session');
  return (
    <Layout c={c} title={detail.fullName}>
      <p>
        <a href={`${BASE}/penerima`}>{t('recipients.back')}</a>
      </p>
      <dl class="facts">
        <dt>{t('recipients.nik')}</dt>
        <dd>
          <span class="nik" data-testid="nik">{props.revealed ? detail.nik : maskNik(detail.nik)}</span>{' '}
          {!props.revealed && can(session.user.role, 'recipients.reveal') ? (
            <form method="post" action={`${BASE}/penerima/${detail.id}/nik`} class="inline">
              <CsrfField token={session.csrfToken} />
              <button type="submit" class="secondary">{t('recipients.reveal')}</button>
            </form>
          ) : null}
          {props.revealed ? <span class="muted"> {t('recipients.revealedNote')}</span> : null}
        </dd>
        <dt>{t('recipients.name')}</dt>
        <dd>{detail.fullName}</dd>
        <dt>{t('recipients.phone')}</dt>
        <dd>{maskPhone(detail.phone)}</dd>
        <dt>{t('recipients.region')}</dt>
        <dd>
          {detail.village}, {detail.district}, {detail.regency}
        </dd>
      </dl>

      <h2>{t('recipients.timeline')}</h2>
      {detail.programs.length === 0 ? <p class="muted">{t('recipients.noPrograms')}</p> : null}
      {detail.programs.map((program) => (
        <section class="card">
          <h3>{program.name[lang]}</h3>
          <ol>
            {program.stages.map((stage) => (
              <li class={stage.event ? 'reached' : 'muted'}>
                <strong>{stage.label[lang]}</strong>
                {stage.event ? (
                  <span>
                    {' — '}
                    {formatDay(stage.event.occurredOn, lang)}
                    {stage.event.amount !== null ? `, ${formatRupiah(Number(stage.event.amount))}` : ''}
                    {stage.event.channel ? `, ${stage.event.channel}` : ''}
                    {stage.event.place ? `, ${stage.event.place}` : ''}
                  </span>
                ) : (
                  <span> — {t('recipients.notYet')}</span>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
      {props.stageForm}

      <h2>{t('recipients.groups')}</h2>
      {detail.groups.length === 0 ? (
        <p class="muted">{t('recipients.noGroups')}</p>
      ) : (
        <ul>
          {detail.groups.map((group) => (
            <li>
              {group.name} ({group.programCode})
            </li>
          ))}
        </ul>
      )}

      {props.attendance}

      <h2>{t('recipients.chats')}</h2>
      {detail.chats.length === 0 ? (
        <p class="muted">{t('recipients.noChats')}</p>
      ) : (
        <ul>
          {detail.chats.map((chat) => (
            <li>{t('recipients.chatSince', { channel: chat.channel, since: formatMoment(chat.since, lang) })}</li>
          ))}
        </ul>
      )}

      <h2>{t('recipients.reminders')}</h2>
      <p data-testid="reminders">
        {detail.optedOutAt ? t('recipients.optedOutSince', { since: formatMoment(detail.optedOutAt, lang) }) : t('recipients.remindersOn')}
      </p>

      <h2>{t('recipients.audit')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('audit.at')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.channel')}</th>
              <th>{t('audit.staff')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.audit.map((entry) => (
              <tr>
                <td>{formatMoment(entry.at, lang)}</td>
                <td>{actionLabel(t, entry.action)}</td>
                <td>{entry.channel}</td>
                <td>{entry.actor ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
