-- Imports started from the import page run in the background; this row is what their progress
-- page reads. `done` counts committed rows (of `parsed_ok`, the rows that passed validation);
-- `report` is the final report as JSON when finished, or the message when failed. The running
-- import writes `heartbeat_at_ms` while it works, so an import whose server went away is found
-- and marked failed. The PostgreSQL file has the same step.

CREATE TABLE import_jobs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    created_by      TEXT    NOT NULL,
    format          TEXT    NOT NULL,
    total_rows      INTEGER NOT NULL,
    parsed_ok       INTEGER NOT NULL,
    done            INTEGER NOT NULL DEFAULT 0,
    status          TEXT    NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'finished', 'failed')),
    report          TEXT,
    created_at_ms   INTEGER NOT NULL,
    heartbeat_at_ms INTEGER NOT NULL,
    finished_at_ms  INTEGER
);
CREATE INDEX import_jobs_by_status ON import_jobs (status, heartbeat_at_ms);
