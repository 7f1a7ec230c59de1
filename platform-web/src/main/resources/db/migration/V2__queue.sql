-- The lab server's job queue (org.c2lab.web.runs.QueueRepository): what each run of the `runs`
-- table was asked to do, where it waits, how far it got, and how much of its output files has been
-- imported into the store. Status lives in `runs`; a run's queue row goes with it (cascade).

CREATE TABLE run_queue (
  run_id           VARCHAR(128) PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  seq              BIGINT       NOT NULL,       -- submission order: FIFO within a priority
  owner            VARCHAR(128) NOT NULL,
  name             VARCHAR(256) NOT NULL,
  kind             VARCHAR(32)  NOT NULL,
  priority         INTEGER      NOT NULL,
  lane             VARCHAR(64)  NOT NULL,       -- cpu, remote or cuda:N
  params           TEXT         NOT NULL,       -- JSON object, as validated
  argv             TEXT         NOT NULL,       -- JSON array, the ./c2 arguments of the last launch
  depends_on       TEXT         NOT NULL,       -- JSON array of run ids
  resume           BOOLEAN      NOT NULL DEFAULT FALSE, -- next launch continues with --resume
  pid              BIGINT,                      -- the child process while running
  pid_started_ms   BIGINT,                      -- its start time (epoch ms): pid reuse is not it
  progress_done    BIGINT       NOT NULL DEFAULT 0,
  progress_total   BIGINT       NOT NULL DEFAULT -1,
  eta_seconds      BIGINT,
  message          TEXT         NOT NULL DEFAULT '',
  started_at       TIMESTAMP(3) WITH TIME ZONE,
  finished_at      TIMESTAMP(3) WITH TIME ZONE,
  error            TEXT,
  -- results import: bytes of the samples file imported (whole lines), samples imported from it,
  -- the last training step whose metrics were imported, whether the final summary was imported
  samples_offset   BIGINT       NOT NULL DEFAULT 0,
  samples_imported BIGINT       NOT NULL DEFAULT 0,
  metrics_step     BIGINT       NOT NULL DEFAULT -1,
  summary_imported BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE INDEX run_queue_by_order ON run_queue (lane, priority DESC, seq);
