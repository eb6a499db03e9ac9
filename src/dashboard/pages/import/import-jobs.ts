import type { Logger } from 'pino';
import { CsvFormatError } from '../../../importing/csv/csv-format-error.js';
import { importGroups } from '../../../importing/import-groups.js';
import type { ImportProgress } from '../../../importing/import-options.js';
import { UPLOAD_IMPORTERS, type UploadKind } from '../../../importing/upload/import-upload.js';
import { readUpload } from '../../../importing/upload/read-upload.js';
import type { UploadProblem } from '../../../importing/upload/upload-problem.js';
import type { ValidationReport } from '../../../importing/validation-report.js';
import type { ImportJob, PrismaClient } from '../../../storage/generated/client.js';

export type ImportJobKind = UploadKind | 'groups';
export type ImportJobStatus = 'running' | 'done' | 'failed' | 'interrupted';

/** Refused rows kept with a job (the page lists them; the count is always complete). */
const MAX_STORED_REJECTED = 1000;

export interface ImportJobSettings {
  /** Rows per transaction (the importers' default when unset). */
  batchSize?: number;
  /** How often a running job marks itself alive, in real milliseconds. */
  heartbeatMs?: number;
  /** A `running` job not heard from for this long (by `now`; default 30 s) was cut off: a restart, a crash. */
  staleAfterMs?: number;
  /** Awaited after each batch's progress is stored; tests hold a job half-way with it. */
  afterBatch?: (jobId: number, progress: ImportProgress) => Promise<void>;
}

export interface StartImport {
  kind: ImportJobKind;
  fileName: string;
  bytes: Uint8Array;
  staffUserId: number;
  maxBytes: number;
}

export interface ImportJobs {
  /** Stores the job and starts importing in the background; resolves with the job's id. */
  start(upload: StartImport): Promise<number>;
  /** One job, its status brought up to date (a dead `running` job becomes `interrupted`). */
  find(id: number): Promise<ImportJob | null>;
  /** The latest jobs, newest first, for the Impor page. */
  recent(limit: number): Promise<ImportJob[]>;
  /** Resolves when every job started by this process has ended (tests, shutdown). */
  settled(): Promise<void>;
}

/**
 * Dashboard uploads run as jobs, so a large file does not hold the request open and the page
 * can show how far it got. The job row (import_job) carries the progress (rows read, done,
 * refused) after every batch and, when finished, the validation report or the reason the file
 * could not be imported. While a job runs, its process renews `heartbeat_at`; a `running` job
 * whose heartbeat stopped (the server was restarted or killed mid-import) is marked
 * `interrupted` the next time anyone looks, and the page says so, with how far it got. Rows
 * written before the interruption stay (each batch commits on its own); importing the same
 * file again completes it and changes nothing else.
 */
export function createImportJobs(options: { prisma: PrismaClient; now: () => Date; logger: Logger; settings?: ImportJobSettings }): ImportJobs {
  const { prisma, now, logger } = options;
  const settings = options.settings ?? {};
  const heartbeatMs = settings.heartbeatMs ?? 5_000;
  const staleAfterMs = settings.staleAfterMs ?? 30_000;
  const running = new Set<Promise<void>>();

  async function markInterrupted(): Promise<void> {
    const staleBefore = new Date(now().getTime() - staleAfterMs);
    await prisma.$executeRaw`UPDATE import_job SET status = 'interrupted', finished_at = heartbeat_at
      WHERE status = 'running' AND heartbeat_at < ${staleBefore}`;
  }

  async function run(id: number, upload: StartImport): Promise<void> {
    const beat = setInterval(() => {
      prisma.importJob.update({ where: { id }, data: { heartbeatAt: now() } }).catch(() => {});
    }, heartbeatMs);
    beat.unref();
    try {
      const outcome = await importFile(prisma, upload, {
        ...(settings.batchSize ? { batchSize: settings.batchSize } : {}),
        onProgress: async (progress) => {
          await prisma.importJob.update({
            where: { id },
            // 'running' again: a job wrongly judged dead (a heartbeat stuck behind a slow batch) heals.
            data: { status: 'running', total: progress.total, done: progress.done, rejected: progress.rejected ?? 0, heartbeatAt: now() },
          });
          await settings.afterBatch?.(id, progress);
        },
      });
      if (outcome.ok) {
        const { report } = outcome;
        await prisma.importJob.update({
          where: { id },
          data: {
            status: 'done',
            format: outcome.format,
            total: report.read,
            done: report.read,
            rejected: report.rejected.length,
            report: { ...report, rejected: report.rejected.slice(0, MAX_STORED_REJECTED) } as never,
            finishedAt: now(),
            heartbeatAt: now(),
          },
        });
      } else {
        await prisma.importJob.update({ where: { id }, data: { status: 'failed', problem: outcome.problem as never, finishedAt: now(), heartbeatAt: now() } });
      }
    } catch (error) {
      // A database failure mid-way: earlier batches stay committed; the page says so.
      logger.error({ errorName: error instanceof Error ? error.name : 'unknown', importJob: id }, 'import job failed');
      await prisma.importJob
        .update({ where: { id }, data: { status: 'failed', finishedAt: now(), heartbeatAt: now() } })
        .catch(() => logger.error({ importJob: id }, 'import job failure could not be recorded'));
    } finally {
      clearInterval(beat);
    }
  }

  return {
    async start(upload) {
      const at = now();
      const job = await prisma.importJob.create({
        data: { kind: upload.kind, fileName: upload.fileName.slice(0, 200), staffUserId: upload.staffUserId, status: 'running', startedAt: at, heartbeatAt: at },
      });
      const done = run(job.id, upload).finally(() => running.delete(done));
      running.add(done);
      return job.id;
    },
    async find(id) {
      await markInterrupted();
      return prisma.importJob.findUnique({ where: { id } });
    },
    async recent(limit) {
      await markInterrupted();
      return prisma.importJob.findMany({ orderBy: { id: 'desc' }, take: limit });
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

type FileOutcome = { ok: true; format: 'csv' | 'xlsx'; report: ValidationReport } | { ok: false; problem: UploadProblem };

/** The upload through the CLI's importer of its kind, with the upload reader's limits. */
async function importFile(
  prisma: PrismaClient,
  upload: StartImport,
  importOptions: { batchSize?: number; onProgress: (progress: ImportProgress) => Promise<void> },
): Promise<FileOutcome> {
  const text = await readUpload(upload.bytes, { maxBytes: upload.maxBytes });
  if (!text.ok) return text;
  const run = upload.kind === 'groups' ? importGroups : UPLOAD_IMPORTERS[upload.kind].run;
  try {
    return { ok: true, format: text.format, report: await run({ prisma }, text.csv, importOptions) };
  } catch (error) {
    if (error instanceof CsvFormatError) return { ok: false, problem: { code: 'format', problem: error.problem } };
    throw error;
  }
}

/** The stored report, as the page shows it. */
export function jobReport(job: ImportJob): ValidationReport | undefined {
  return job.status === 'done' && job.report ? (job.report as unknown as ValidationReport) : undefined;
}

export function jobProblem(job: ImportJob): UploadProblem | undefined {
  return job.problem ? (job.problem as unknown as UploadProblem) : undefined;
}
