import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '../support/backends.js';
import type { DashboardClient } from './support/dashboard-client.js';
import { dashboardFixture, type DashboardFixture } from './support/dashboard-fixture.js';
import { importGate } from './support/import-gate.js';

const HEADER = 'nik,nama,no_kk,telepon,kabupaten_kota,kecamatan,desa';
const GOOD = [
  '3673030507759002,Ahmad Fiktif Hidayat,,,Kota Serang,Taktakan,Sukacontoh',
  '3673050202709004,Dedi Fiktif Supriadi,,0812-0000-0004,Kota Serang,Kasemen,Tegalcontoh',
  '3673055505859006,Euis Fiktif Kurniasih,,,Kota Serang,Kasemen,Tegalcontoh',
];
const BAD = '3673,Baris Salah,,,Kota Serang,Taktakan,Sukacontoh';

async function upload(client: DashboardClient, kind: string, name: string, text: string): Promise<Response> {
  await client.get('/dashboard/impor');
  const form = new FormData();
  form.set('_csrf', client.csrfToken()!);
  form.set('kind', kind);
  form.set('file', new File([text], name, { type: 'text/csv' }));
  return client.send('/dashboard/impor', { method: 'POST', body: form });
}

for (const backend of backends) {
  describe.skipIf(backend.skipReason)(`import jobs on the Impor page on ${backend.kind}`, () => {
    let db: TestDatabase;
    let f: DashboardFixture;
    let hold = importGate();

    beforeAll(async () => {
      db = await backend.open();
      // One row per batch, and the job waits after each batch while a gate is held.
      f = await dashboardFixture(db, { importJobs: { batchSize: 1, afterBatch: (_job, progress) => hold.wait(progress) } });
    }, 180_000);
    afterAll(async () => {
      hold.open();
      await f?.importJobs.settled();
      await db?.dispose();
    });

    it('shows the progress while a large file is imported, then the report, and polls only while it runs', async () => {
      hold = importGate();
      const operator = await f.as('operator');
      const response = await upload(operator, 'recipients', 'penerima.csv', [HEADER, GOOD[0], BAD, GOOD[1], GOOD[2]].join('\n'));
      expect(response.status).toBe(303);
      const jobPage = response.headers.get('location')!;

      // Held after the first batch: 4 rows read, the bad one refused while reading, one written.
      await hold.reached;
      const running = await (await operator.get(jobPage)).text();
      expect(running).toContain('data-testid="import-progress"');
      expect(running).toMatch(/hx-get="\/dashboard\/impor\/\d+\/status"/);
      expect(running).toContain('hx-trigger="every 1s"');
      expect(running).toMatch(/data-testid="progress-read">4</);
      expect(running).toMatch(/data-testid="progress-done">2</);
      expect(running).toMatch(/data-testid="progress-accepted">1</);
      expect(running).toMatch(/data-testid="progress-rejected">1</);
      expect(running).toContain('<progress max="4" value="2">');
      expect(await db.prisma.recipient.count({ where: { nik: GOOD[0]!.slice(0, 16) } })).toBe(1);
      // The fragment htmx polls is the same section, without the page around it.
      const fragment = await (await operator.get(`${jobPage}/status`)).text();
      expect(fragment).toContain('data-testid="import-progress"');
      expect(fragment).not.toContain('<html');

      hold.open();
      await f.importJobs.settled();
      const done = await (await operator.get(`${jobPage}/status`)).text();
      expect(done).toContain('data-testid="import-report"');
      expect(done).not.toContain('hx-trigger');
      expect(done).toMatch(/data-testid="read">4</);
      expect(done).toMatch(/data-testid="created">3</);
      expect(done).toMatch(/data-testid="rejected">1</);
      expect(done).toContain('<td>3</td>'); // the refused row's line number
      expect(await (await operator.get('/dashboard/impor')).text()).toMatch(/penerima\.csv<\/a><\/td><td>Selesai</);
    });

    it('says so when the file cannot be imported at all', async () => {
      hold.open();
      const operator = await f.as('operator');
      const response = await upload(operator, 'stages', 'tahap.csv', `${HEADER}\n${GOOD[0]}\n`);
      await f.importJobs.settled();
      const html = await (await operator.get(response.headers.get('location')!)).text();
      expect(html).toContain('data-testid="import-problem"');
      expect(html).not.toContain('hx-trigger');
    });

    it('shows a job cut off by a restart as interrupted, with how far it got, on its page and in the list', async () => {
      // What a process killed mid-import leaves: a running job whose heartbeat has stopped.
      const job = await db.prisma.importJob.create({
        data: { kind: 'recipients', fileName: 'besar.csv', staffUserId: f.users.operator, status: 'running', total: 50_000, done: 12_000, rejected: 7, startedAt: f.clock.now, heartbeatAt: f.clock.now },
      });
      const operator = await f.as('operator');
      // Within the heartbeat's grace it may still be running elsewhere.
      expect(await (await operator.get(`/dashboard/impor/${job.id}`)).text()).toContain('data-testid="import-progress"');

      f.clock.advance(31_000);
      const html = await (await operator.get(`/dashboard/impor/${job.id}`)).text();
      expect(html).toContain('data-testid="import-interrupted"');
      expect(html).toContain('Impor besar.csv terhenti');
      expect(html).toMatch(/data-testid="progress-done">12000</);
      expect(html).toMatch(/data-testid="progress-rejected">7</);
      expect(html).toContain('unggah lagi berkas yang sama');
      expect(html).not.toContain('hx-trigger');
      expect((await db.prisma.importJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('interrupted');
      expect(await (await operator.get('/dashboard/impor')).text()).toMatch(/besar\.csv<\/a><\/td><td>Terhenti</);
    });

    it('answers 404 for a job that does not exist, and only import roles see jobs', async () => {
      const operator = await f.as('operator');
      expect((await operator.get('/dashboard/impor/999999')).status).toBe(404);
      expect((await operator.get('/dashboard/impor/abc/status')).status).toBe(404);
      const job = await db.prisma.importJob.findFirstOrThrow();
      for (const role of ['facilitator', 'auditor'] as const) {
        const client = await f.as(role);
        expect((await client.get(`/dashboard/impor/${job.id}`)).status, role).toBe(403);
        expect((await client.get(`/dashboard/impor/${job.id}/status`)).status, role).toBe(403);
      }
    });
  });
}
