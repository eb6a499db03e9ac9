import type { Context } from 'hono';
import { maskName } from '../../../domain/names/mask-name.js';
import { maskNik } from '../../../domain/nik/mask-nik.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';
import { Layout } from '../../layout/layout.js';
import { queryString } from '../../layout/pagination.js';
import { filterQuery } from './recipient-filters.js';
import type { RecipientFilters, RecipientPage } from './search-recipients.js';

export interface FilterOptions {
  programs: { code: string; name: string }[];
  stages: { code: string; label: string }[];
  groups: { id: number; name: string }[];
}

/** The list: masked NIK and name only; the full record is one click (and one audit entry) away. */
export function RecipientsView(props: { c: Context<DashboardEnv>; filters: RecipientFilters; page: RecipientPage; options: FilterOptions }) {
  const { c, filters, page, options } = props;
  const t = c.get('t');
  return (
    <Layout c={c} title={t('recipients.title')}>
      <form method="get" action={`${BASE}/penerima`} class="filters" role="search">
        <label>
          {t('recipients.search')}
          <input name="q" value={filters.q ?? ''} placeholder={t('recipients.searchHint')} maxlength={100} />
        </label>
        <label>
          {t('recipients.village')}
          <input name="desa" value={filters.village ?? ''} maxlength={100} />
        </label>
        <label>
          {t('recipients.program')}
          <select name="program">
            <option value="">{t('recipients.any')}</option>
            {options.programs.map((program) => (
              <option value={program.code} selected={filters.program === program.code}>
                {program.name}
              </option>
            ))}
          </select>
        </label>
        {options.stages.length > 0 ? (
          <label>
            {t('recipients.stage')}
            <select name="tahap">
              <option value="">{t('recipients.any')}</option>
              {options.stages.map((stage) => (
                <option value={stage.code} selected={filters.stage === stage.code}>
                  {stage.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t('recipients.regency')}
          <input name="kabupaten" value={filters.regency ?? ''} maxlength={100} />
        </label>
        <label>
          {t('recipients.district')}
          <input name="kecamatan" value={filters.district ?? ''} maxlength={100} />
        </label>
        <label>
          {t('recipients.group')}
          <select name="kelompok">
            <option value="">{t('recipients.any')}</option>
            {options.groups.map((group) => (
              <option value={String(group.id)} selected={filters.groupId === group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('recipients.submit')}</button>
      </form>
      {page.rows.length === 0 ? (
        <p class="notice">{t('recipients.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('recipients.nik')}</th>
                <th>{t('recipients.name')}</th>
                <th>{t('recipients.region')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr>
                  <td class="nik">{maskNik(row.nik)}</td>
                  <td>
                    <a href={`${BASE}/penerima/${row.id}`}>{maskName(row.fullName)}</a>
                  </td>
                  <td>
                    {row.village}, {row.district}, {row.regency}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="pager">
        {filters.after ? <a href={`${BASE}/penerima${queryString(filterQuery(filters))}`}>{t('recipients.first')}</a> : null}
        {page.next ? <a href={`${BASE}/penerima${queryString({ ...filterQuery(filters), after: page.next })}`}>{t('recipients.next')}</a> : null}
      </div>
    </Layout>
  );
}
