import type { Context } from 'hono';
import { importMessages } from '../../../cli/import-messages.js';
import type { StageFieldErrors } from '../../../stages/stage-form.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { appTranslator } from '../../i18n/dashboard-translator.js';
import { CsrfField } from '../../layout/layout.js';

export interface StageOption {
  program: string;
  programName: string;
  stage: string;
  label: string;
}

/** The Tahap form on a KPM's page: one stage (date, amount, channel, place, note), audited on save. */
export function StageChangeForm(props: { c: Context<DashboardEnv>; recipientId: number; options: StageOption[]; errors?: StageFieldErrors; saved?: boolean }) {
  const { c } = props;
  const t = c.get('t');
  const messages = importMessages(appTranslator(), c.get('lang'));
  const errors = Object.entries(props.errors ?? {}).map(([field, reason]) => `${t(`stage.fields.${field}`)}: ${messages.describeReason(reason!, 'stages')}`);
  return (
    <section class="card" id="tahap">
      <h2>{t('stage.title')}</h2>
      {props.saved ? <p class="notice" role="status">{t('stage.saved')}</p> : null}
      {errors.length > 0 ? <p class="error" role="alert">{errors.join(' · ')}</p> : null}
      <form method="post" action={`${BASE}/penerima/${props.recipientId}/tahap`} class="stack">
        <CsrfField token={c.get('session').csrfToken} />
        <label>
          {t('stage.fields.stage')}
          <select name="programStage">
            {props.options.map((o) => (
              <option value={`${o.program}|${o.stage}`}>{`${o.programName} — ${o.label}`}</option>
            ))}
          </select>
        </label>
        <label>
          {t('stage.fields.date')}
          <input type="date" name="date" required />
        </label>
        <label>
          {t('stage.fields.amount')}
          <input name="amount" inputmode="numeric" maxlength={20} />
        </label>
        <label>
          {t('stage.fields.channel')}
          <input name="channel" maxlength={100} />
        </label>
        <label>
          {t('stage.fields.place')}
          <input name="place" maxlength={100} />
        </label>
        <label>
          {t('stage.fields.note')}
          <input name="note" maxlength={500} />
        </label>
        <button type="submit">{t('stage.submit')}</button>
      </form>
    </section>
  );
}
