-- The run store (org.c2lab.web.store.JdbcRunStore). Types are portable between PostgreSQL and H2
-- in PostgreSQL mode: JSON is kept as text (the store writes it in compact canonical form),
-- timestamps with time zone at millisecond precision, append order as a dense per-run ordinal.

CREATE TABLE runs (
  id           VARCHAR(128) PRIMARY KEY,
  kind         VARCHAR(256) NOT NULL,
  status       VARCHAR(16)  NOT NULL,
  config       TEXT         NOT NULL,
  provenance   TEXT,
  created_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  updated_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  -- the next ordinals, advanced under the run's row lock, so an append needs no MAX() scan
  metric_count BIGINT NOT NULL DEFAULT 0,
  sample_count BIGINT NOT NULL DEFAULT 0
);

-- listRuns: newest first, ties by id
CREATE INDEX runs_by_created ON runs (created_at DESC, id);

CREATE TABLE metrics (
  run_id       VARCHAR(128)     NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  ordinal      BIGINT           NOT NULL,
  step         BIGINT           NOT NULL,
  name         VARCHAR(256)     NOT NULL,
  metric_value DOUBLE PRECISION NOT NULL, -- for queries
  -- the value's IEEE 754 bits, what the store reads: exact everywhere (H2 turns -0.0 into 0.0)
  value_bits   BIGINT           NOT NULL,
  measured_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);

-- metrics(run, name, page): one series in append order
CREATE INDEX metrics_by_name ON metrics (run_id, name, ordinal);

CREATE TABLE samples (
  run_id     VARCHAR(128) NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  ordinal    BIGINT       NOT NULL,
  sample_key TEXT         NOT NULL,
  json       TEXT         NOT NULL,
  PRIMARY KEY (run_id, ordinal)
);
