-- CreateTable
CREATE TABLE "recipient_current_stage" (
    "recipient_id" INTEGER NOT NULL,
    "program_code" TEXT NOT NULL,
    "stage_code" TEXT NOT NULL,

    CONSTRAINT "recipient_current_stage_pkey" PRIMARY KEY ("recipient_id","program_code")
);

-- CreateTable
CREATE TABLE "funnel_tally" (
    "program_code" TEXT NOT NULL,
    "stage_code" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,

    CONSTRAINT "funnel_tally_pkey" PRIMARY KEY ("program_code","stage_code")
);

-- CreateTable
CREATE TABLE "import_job" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "staff_user_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "format" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "problem" JSONB,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);

-- Written by hand (Prisma's schema language has no words for these):

-- Word search on the Penerima page: a word or part of a word anywhere in the name or village
-- (lower(...) LIKE '%term%'), through trigram GIN indexes. pg_trgm is a trusted extension
-- (PostgreSQL 13+): the database's owner may create it; PGlite loads it (src/storage/pglite-extensions.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "recipient_name_trgm_idx" ON "recipient" USING GIN ((lower("full_name")) gin_trgm_ops);
CREATE INDEX "recipient_village_trgm_idx" ON "recipient" USING GIN ((lower("village")) gin_trgm_ops);

-- The overview's funnel, precomputed: recipient_current_stage holds each KPM's furthest stage
-- per program (by program_stage.position), funnel_tally how many KPM have each stage as their
-- current one. Triggers keep both exact in the same transaction as every change to
-- stage_event (statement-level, with transition tables, so a bulk import pays once per
-- statement) and to program_stage (a reordered program is recounted). They take the import
-- lock (src/importing/writing/import-lock.ts), which every stage writer already holds, so
-- two writers never update tally rows in opposite orders (no deadlock).

-- Recomputes the current stage of the given (recipient, program) pairs and moves the tally.
CREATE FUNCTION kpm_refresh_current_stages(recipient_ids INTEGER[], program_codes TEXT[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(736210001);
  WITH pairs AS (SELECT DISTINCT p.recipient_id, p.program_code FROM unnest(recipient_ids, program_codes) AS p(recipient_id, program_code))
  UPDATE funnel_tally t SET recipients = t.recipients - o.n
    FROM (SELECT c.program_code, c.stage_code, count(*)::int AS n
            FROM recipient_current_stage c
            JOIN pairs p ON p.recipient_id = c.recipient_id AND p.program_code = c.program_code
           GROUP BY c.program_code, c.stage_code) o
   WHERE t.program_code = o.program_code AND t.stage_code = o.stage_code;
  DELETE FROM recipient_current_stage c
   USING (SELECT DISTINCT p.recipient_id, p.program_code FROM unnest(recipient_ids, program_codes) AS p(recipient_id, program_code)) p
   WHERE c.recipient_id = p.recipient_id AND c.program_code = p.program_code;
  INSERT INTO recipient_current_stage (recipient_id, program_code, stage_code)
  SELECT p.recipient_id, p.program_code, best.code
    FROM (SELECT DISTINCT p.recipient_id, p.program_code FROM unnest(recipient_ids, program_codes) AS p(recipient_id, program_code)) p
    CROSS JOIN LATERAL (SELECT s.code
                          FROM stage_event e
                          JOIN program_stage s ON s.program_code = e.program_code AND s.code = e.stage_code
                         WHERE e.recipient_id = p.recipient_id AND e.program_code = p.program_code
                         ORDER BY s.position DESC
                         LIMIT 1) best;
  WITH pairs AS (SELECT DISTINCT p.recipient_id, p.program_code FROM unnest(recipient_ids, program_codes) AS p(recipient_id, program_code))
  INSERT INTO funnel_tally (program_code, stage_code, recipients)
  SELECT c.program_code, c.stage_code, count(*)::int
    FROM recipient_current_stage c
    JOIN pairs p ON p.recipient_id = c.recipient_id AND p.program_code = c.program_code
   GROUP BY c.program_code, c.stage_code
  ON CONFLICT (program_code, stage_code) DO UPDATE SET recipients = funnel_tally.recipients + excluded.recipients;
END $$;

-- Recounts whole programs (their stage list or order changed).
CREATE FUNCTION kpm_recount_programs(program_codes TEXT[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(736210001);
  DELETE FROM recipient_current_stage WHERE program_code = ANY (program_codes);
  DELETE FROM funnel_tally WHERE program_code = ANY (program_codes);
  INSERT INTO recipient_current_stage (recipient_id, program_code, stage_code)
  SELECT DISTINCT ON (e.recipient_id, e.program_code) e.recipient_id, e.program_code, s.code
    FROM stage_event e
    JOIN program_stage s ON s.program_code = e.program_code AND s.code = e.stage_code
   WHERE e.program_code = ANY (program_codes)
   ORDER BY e.recipient_id, e.program_code, s.position DESC;
  INSERT INTO funnel_tally (program_code, stage_code, recipients)
  SELECT program_code, stage_code, count(*)::int FROM recipient_current_stage
   WHERE program_code = ANY (program_codes)
   GROUP BY program_code, stage_code;
END $$;

-- One function per transition-table shape: INSERT and DELETE name their rows changed_rows,
-- UPDATE has both sides.
CREATE FUNCTION kpm_stage_events_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids INTEGER[];
  codes TEXT[];
BEGIN
  SELECT array_agg(recipient_id), array_agg(program_code) INTO ids, codes FROM changed_rows;
  IF ids IS NOT NULL THEN PERFORM kpm_refresh_current_stages(ids, codes); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION kpm_stage_events_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids INTEGER[];
  codes TEXT[];
BEGIN
  SELECT array_agg(recipient_id), array_agg(program_code) INTO ids, codes
    FROM (SELECT recipient_id, program_code FROM old_rows UNION SELECT recipient_id, program_code FROM new_rows) x;
  IF ids IS NOT NULL THEN PERFORM kpm_refresh_current_stages(ids, codes); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION kpm_program_stages_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  codes TEXT[];
BEGIN
  SELECT array_agg(DISTINCT program_code) INTO codes FROM changed_rows;
  IF codes IS NOT NULL THEN PERFORM kpm_recount_programs(codes); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION kpm_program_stages_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  codes TEXT[];
BEGIN
  SELECT array_agg(DISTINCT program_code) INTO codes
    FROM (SELECT program_code FROM old_rows UNION SELECT program_code FROM new_rows) x;
  IF codes IS NOT NULL THEN PERFORM kpm_recount_programs(codes); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "stage_event_inserted_funnel" AFTER INSERT ON "stage_event"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpm_stage_events_changed();
CREATE TRIGGER "stage_event_deleted_funnel" AFTER DELETE ON "stage_event"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpm_stage_events_changed();
CREATE TRIGGER "stage_event_updated_funnel" AFTER UPDATE ON "stage_event"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpm_stage_events_updated();
CREATE TRIGGER "program_stage_inserted_funnel" AFTER INSERT ON "program_stage"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpm_program_stages_changed();
CREATE TRIGGER "program_stage_deleted_funnel" AFTER DELETE ON "program_stage"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION kpm_program_stages_changed();
CREATE TRIGGER "program_stage_updated_funnel" AFTER UPDATE ON "program_stage"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kpm_program_stages_updated();

-- What is there already, with statistics at once: unanalysed, the planner misjudges the
-- table and reads all of it for a facilitator's 50 KPM instead of 50 primary-key look-ups.
SELECT kpm_recount_programs(ARRAY(SELECT code FROM program));
ANALYZE "recipient_current_stage";
