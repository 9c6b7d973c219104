-- Quarterly access reviews: a campaign snapshots every live grant as an item with an assigned
-- reviewer; each item is certified or revoked; an admin signs the campaign off, recording the
-- audit log's head at that moment. The PostgreSQL file has the same steps.

CREATE TABLE campaigns (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    quarter                 TEXT    NOT NULL UNIQUE,
    due_at_ms               INTEGER NOT NULL,
    state                   TEXT    NOT NULL CHECK (state IN ('open', 'signed_off')),
    revoke_undecided_at_due INTEGER NOT NULL,
    created_by              INTEGER NOT NULL REFERENCES users (id),
    created_at_ms           INTEGER NOT NULL,
    -- The audit entry of the start and of the sign-off: the evidence's sequence range.
    start_seq               INTEGER NOT NULL,
    signed_off_by           INTEGER REFERENCES users (id),
    signed_off_at_ms        INTEGER,
    sign_off_seq            INTEGER,
    sign_off_hash           TEXT,
    -- Set once, by the instance that revoked the undecided items at the due date.
    auto_revoked_at_ms      INTEGER
);

CREATE TABLE campaign_items (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns (id),
    request_id    INTEGER NOT NULL REFERENCES access_requests (id),
    reviewer      INTEGER NOT NULL REFERENCES users (id),
    -- E-mail addresses of the grant's approvers at the snapshot (JSON array).
    approvers     TEXT    NOT NULL,
    decision      TEXT    CHECK (decision IN ('certify', 'revoke')),
    reason        TEXT,
    decided_by    TEXT,
    decided_at_ms INTEGER,
    UNIQUE (campaign_id, request_id)
);
CREATE INDEX campaign_items_by_campaign ON campaign_items (campaign_id, id);
CREATE INDEX campaign_items_by_reviewer ON campaign_items (reviewer, campaign_id);

-- When each reviewer of a campaign was last reminded (0: never).
CREATE TABLE campaign_reminders (
    campaign_id  INTEGER NOT NULL REFERENCES campaigns (id),
    reviewer     INTEGER NOT NULL REFERENCES users (id),
    last_sent_ms INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, reviewer)
);
