-- Foundation: users, invites, sign-in throttling, the hash-chained audit log, the mail outbox.
-- Times are milliseconds since the Unix epoch (UTC); the SQLite file has the same steps.

CREATE TABLE users (
    id             BIGSERIAL PRIMARY KEY,
    email          TEXT      NOT NULL UNIQUE,
    role           TEXT      NOT NULL CHECK (role IN ('admin', 'security_lead', 'hr', 'auditor')),
    password_hash  TEXT      NOT NULL,
    token_version  BIGINT    NOT NULL DEFAULT 0,
    created_at_ms  BIGINT    NOT NULL,
    disabled_at_ms BIGINT
);

CREATE TABLE invites (
    id             BIGSERIAL PRIMARY KEY,
    email          TEXT      NOT NULL,
    role           TEXT      NOT NULL CHECK (role IN ('admin', 'security_lead', 'hr', 'auditor')),
    token_hash     TEXT      NOT NULL UNIQUE,
    invited_by     BIGINT    NOT NULL REFERENCES users (id),
    created_at_ms  BIGINT    NOT NULL,
    expires_at_ms  BIGINT    NOT NULL,
    accepted_at_ms BIGINT,
    revoked_at_ms  BIGINT
);
CREATE INDEX invites_by_email ON invites (email);

CREATE TABLE login_throttle (
    throttle_key TEXT   PRIMARY KEY,
    failures     BIGINT NOT NULL,
    started_ms   BIGINT NOT NULL
);

CREATE TABLE audit_log (
    seq       BIGINT PRIMARY KEY,
    at_ms     BIGINT NOT NULL,
    actor     TEXT   NOT NULL,
    action    TEXT   NOT NULL,
    subject   TEXT   NOT NULL,
    details   TEXT   NOT NULL,
    prev_hash TEXT   NOT NULL,
    hash      TEXT   NOT NULL
);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);

-- The newest entry, updated in the same transaction as each append. Appending takes this row's
-- lock first, which serialises writers across instances and keeps sequence numbers gapless.
CREATE TABLE audit_head (
    id   BIGINT PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT   NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- SECURITY.md F6: the application cannot change or remove audit entries.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE mail_outbox (
    id                 BIGSERIAL PRIMARY KEY,
    to_addr            TEXT   NOT NULL,
    subject            TEXT   NOT NULL,
    body_text          TEXT   NOT NULL,
    created_at_ms      BIGINT NOT NULL,
    attempts           BIGINT NOT NULL DEFAULT 0,
    next_attempt_at_ms BIGINT NOT NULL,
    locked_until_ms    BIGINT,
    sent_at_ms         BIGINT,
    failed_at_ms       BIGINT,
    last_error         TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at_ms, failed_at_ms, next_attempt_at_ms);
