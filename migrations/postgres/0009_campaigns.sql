-- Quarterly access reviews: a campaign snapshots every live grant as an item with an assigned
-- reviewer; each item is certified or revoked; an admin signs the campaign off, recording the
-- audit log's head at that moment. The SQLite file has the same steps.

CREATE TABLE campaigns (
    id                      BIGSERIAL PRIMARY KEY,
    quarter                 TEXT    NOT NULL UNIQUE,
    due_at_ms               BIGINT  NOT NULL,
    state                   TEXT    NOT NULL CHECK (state IN ('open', 'signed_off')),
    revoke_undecided_at_due BIGINT  NOT NULL,
    created_by              BIGINT  NOT NULL REFERENCES users (id),
    created_at_ms           BIGINT  NOT NULL,
    -- The audit entry of the start and of the sign-off: the evidence's sequence range.
    start_seq               BIGINT  NOT NULL,
    signed_off_by           BIGINT  REFERENCES users (id),
    signed_off_at_ms        BIGINT,
    sign_off_seq            BIGINT,
    sign_off_hash           TEXT,
    -- Set once, by the instance that revoked the undecided items at the due date.
    auto_revoked_at_ms      BIGINT
);

CREATE TABLE campaign_items (
    id            BIGSERIAL PRIMARY KEY,
    campaign_id   BIGINT  NOT NULL REFERENCES campaigns (id),
    request_id    BIGINT  NOT NULL REFERENCES access_requests (id),
    reviewer      BIGINT  NOT NULL REFERENCES users (id),
    -- E-mail addresses of the grant's approvers at the snapshot (JSON array).
    approvers     TEXT    NOT NULL,
    decision      TEXT    CHECK (decision IN ('certify', 'revoke')),
    reason        TEXT,
    decided_by    TEXT,
    decided_at_ms BIGINT,
    UNIQUE (campaign_id, request_id)
);
CREATE INDEX campaign_items_by_campaign ON campaign_items (campaign_id, id);
CREATE INDEX campaign_items_by_reviewer ON campaign_items (reviewer, campaign_id);

-- When each reviewer of a campaign was last reminded (0: never).
CREATE TABLE campaign_reminders (
    campaign_id  BIGINT  NOT NULL REFERENCES campaigns (id),
    reviewer     BIGINT  NOT NULL REFERENCES users (id),
    last_sent_ms BIGINT  NOT NULL,
    PRIMARY KEY (campaign_id, reviewer)
);
