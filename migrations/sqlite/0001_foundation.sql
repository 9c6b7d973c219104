-- Foundation: users, invites, sign-in throttling, the hash-chained audit log, the mail outbox.
-- Times are milliseconds since the Unix epoch (UTC); the PostgreSQL file has the same steps.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT    NOT NULL UNIQUE,
    role           TEXT    NOT NULL CHECK (role IN ('admin', 'security_lead', 'hr', 'auditor')),
    password_hash  TEXT    NOT NULL,
    token_version  INTEGER NOT NULL DEFAULT 0,
    created_at_ms  INTEGER NOT NULL,
    disabled_at_ms INTEGER
);

CREATE TABLE invites (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('admin', 'security_lead', 'hr', 'auditor')),
    token_hash     TEXT    NOT NULL UNIQUE,
    invited_by     INTEGER NOT NULL REFERENCES users (id),
    created_at_ms  INTEGER NOT NULL,
    expires_at_ms  INTEGER NOT NULL,
    accepted_at_ms INTEGER,
    revoked_at_ms  INTEGER
);
CREATE INDEX invites_by_email ON invites (email);

CREATE TABLE login_throttle (
    throttle_key TEXT    PRIMARY KEY,
    failures     INTEGER NOT NULL,
    started_ms   INTEGER NOT NULL
);

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at_ms     INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    subject   TEXT    NOT NULL,
    details   TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);

-- The newest entry, updated in the same transaction as each append. Appending takes this row's
-- write lock first, which serialises writers and keeps sequence numbers gapless.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- SECURITY.md F6: the application cannot change or remove audit entries.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TABLE mail_outbox (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    to_addr            TEXT    NOT NULL,
    subject            TEXT    NOT NULL,
    body_text          TEXT    NOT NULL,
    created_at_ms      INTEGER NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at_ms INTEGER NOT NULL,
    locked_until_ms    INTEGER,
    sent_at_ms         INTEGER,
    failed_at_ms       INTEGER,
    last_error         TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at_ms, failed_at_ms, next_attempt_at_ms);
