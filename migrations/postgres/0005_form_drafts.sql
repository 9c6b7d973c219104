-- Forms refused while JavaScript was off keep what was typed here (bank and ID numbers removed),
-- so the page can show it again beside the error instead of an empty form. One draft per user
-- and form; short-lived (the service ignores and purges drafts older than an hour).
CREATE TABLE form_drafts (
    user_id     BIGINT NOT NULL REFERENCES users (id),
    form_key    TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    saved_at_ms BIGINT NOT NULL,
    PRIMARY KEY (user_id, form_key)
);
