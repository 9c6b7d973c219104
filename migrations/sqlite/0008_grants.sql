-- Code-repository access: the repository registry, access requests (one row from request to the
-- end of the grant it becomes), one review per reviewer, and once-a-day job marks. The
-- PostgreSQL file has the same steps.

CREATE TABLE repositories (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL UNIQUE,
    provider      TEXT    NOT NULL CHECK (provider IN ('github', 'gitlab', 'other')),
    tier          TEXT    NOT NULL CHECK (tier IN ('standard', 'sensitive', 'critical')),
    description   TEXT    NOT NULL,
    created_by    TEXT    NOT NULL,
    created_at_ms INTEGER NOT NULL
);

CREATE TABLE repository_owners (
    repository_id INTEGER NOT NULL REFERENCES repositories (id),
    user_id       INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (repository_id, user_id)
);

CREATE TABLE access_requests (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id          INTEGER NOT NULL REFERENCES people (id),
    repository_id      INTEGER NOT NULL REFERENCES repositories (id),
    permission         TEXT    NOT NULL
                       CHECK (permission IN ('read', 'triage', 'write', 'maintain', 'admin')),
    duration_days      INTEGER NOT NULL,
    justification      TEXT    NOT NULL,
    state              TEXT    NOT NULL
                       CHECK (state IN ('pending', 'approved', 'active', 'suspended', 'expired',
                                        'revoked', 'denied', 'cancelled', 'lapsed')),
    approvals_required INTEGER NOT NULL,
    requested_by       INTEGER NOT NULL REFERENCES users (id),
    requested_at_ms    INTEGER NOT NULL,
    lapses_at_ms       INTEGER NOT NULL,
    activated_at_ms    INTEGER,
    expires_at_ms      INTEGER,
    ended_at_ms        INTEGER,
    end_reason         TEXT,
    reminded_7d_at_ms  INTEGER,
    reminded_1d_at_ms  INTEGER,
    updated_at_ms      INTEGER NOT NULL
);
CREATE INDEX access_requests_by_state ON access_requests (state, expires_at_ms);
CREATE INDEX access_requests_by_person ON access_requests (person_id, id);
CREATE INDEX access_requests_by_repository ON access_requests (repository_id, id);

CREATE TABLE access_reviews (
    request_id  INTEGER NOT NULL REFERENCES access_requests (id),
    reviewer    INTEGER NOT NULL REFERENCES users (id),
    decision    TEXT    NOT NULL CHECK (decision IN ('approve', 'deny')),
    comment     TEXT    NOT NULL,
    at_ms       INTEGER NOT NULL,
    -- One review per reviewer: two approvals are two different people.
    PRIMARY KEY (request_id, reviewer)
);

-- A job that runs once per period (the daily digest) moves its mark forward with a conditional
-- UPDATE: with several instances exactly one of them wins the period.
CREATE TABLE job_marks (
    name   TEXT    PRIMARY KEY,
    period TEXT    NOT NULL
);
INSERT INTO job_marks (name, period) VALUES ('pending_digest', '');

-- The access timeline reads the audit entries of a request by subject.
CREATE INDEX audit_log_by_subject ON audit_log (subject, seq);
