import type { Context } from 'hono';
import { indonesianZoneOr, toLocalTime } from '../../../domain/local-time.js';
import { attendanceHistory } from '../../../mentoring/sessions.js';
import type { PrismaClient } from '../../../storage/generated/client.js';
import { BASE, type DashboardEnv } from '../../dashboard-env.js';

/** A KPM's mentoring sessions (within the viewer's scope): answer and attendance, newest first. */
export async function AttendanceHistory(props: { c: Context<DashboardEnv>; prisma: PrismaClient; recipientId: number }) {
  const { c } = props;
  const t = c.get('t');
  const user = c.get('session').user;
  const rows = await attendanceHistory(props.prisma, { staffUserId: user.id, role: user.role, channel: 'dashboard', chatId: user.username }, props.recipientId);
  return (
    <section data-attendance-history>
      <h2>{t('sessions.history')}</h2>
      {rows.length === 0 ? (
        <p class="muted">—</p>
      ) : (
        <ul>
          {rows.map((row) => (
            <li>
              <a href={`${BASE}/jadwal/${row.session.id}`}>{row.session.title}</a>{' '}
              ({toLocalTime(row.session.startsAt, indonesianZoneOr(row.session.timeZone)).replace('T', ' ')}):{' '}
              {t(`sessions.rsvp.${row.rsvp ?? 'none'}`)}, {t(`sessions.attended.${row.attended === null ? 'unmarked' : row.attended ? 'yes' : 'no'}`)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
