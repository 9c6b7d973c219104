-- Imports started from the import page run in the background; this row is what their progress
-- page reads. `done` counts committed rows (of `parsed_ok`, the rows that passed validation);
-- `report` is the final report as JSON when finished, or the message when failed. The running
-- import writes `heartbeat_at_ms` while it works, so an import whose server went away is found
-- and marked failed. The SQLite file has the same step.

CREATE TABLE import_jobs (
    id              BIGSERIAL PRIMARY KEY,
    created_by      TEXT    NOT NULL,
    format          TEXT    NOT NULL,
    total_rows      BIGINT  NOT NULL,
    parsed_ok       BIGINT  NOT NULL,
    done            BIGINT  NOT NULL DEFAULT 0,
    status          TEXT    NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'finished', 'failed')),
    report          TEXT,
    created_at_ms   BIGINT  NOT NULL,
    heartbeat_at_ms BIGINT  NOT NULL,
    finished_at_ms  BIGINT
);
CREATE INDEX import_jobs_by_status ON import_jobs (status, heartbeat_at_ms);
