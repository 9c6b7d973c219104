-- Watch lists (KNOWN-*): every import of a list is a new version with its entries; one version
-- per source is active, switched in the import's own transaction, so screening never sees a
-- half-imported list. After a switch everyone is screened again against the active lists; the
-- version keeps that pass's cursor and progress so any instance can resume it.
-- The PostgreSQL file has the same steps.

CREATE TABLE watchlist_versions (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    source               TEXT    NOT NULL,
    format               TEXT    NOT NULL,
    -- The file names and their SHA-256 (hex) as one digest of the whole upload.
    content_sha256       TEXT    NOT NULL,
    entry_count          INTEGER NOT NULL,
    name_count           INTEGER NOT NULL,
    identifier_count     INTEGER NOT NULL,
    imported_by          TEXT    NOT NULL,
    imported_at_ms       INTEGER NOT NULL,
    active               INTEGER NOT NULL CHECK (active IN (0, 1)),
    -- The re-screening pass after this version became active.
    rescreen_total       INTEGER NOT NULL DEFAULT 0,
    rescreen_done        INTEGER NOT NULL DEFAULT 0,
    rescreen_after       INTEGER NOT NULL DEFAULT 0,
    rescreen_finished_ms INTEGER
);
CREATE INDEX watchlist_versions_by_source ON watchlist_versions (source, id);
CREATE UNIQUE INDEX watchlist_versions_one_active ON watchlist_versions (source) WHERE active = 1;

CREATE TABLE watchlist_entries (
    version_id INTEGER NOT NULL REFERENCES watchlist_versions (id),
    position   INTEGER NOT NULL,
    entry_id   TEXT    NOT NULL,
    -- The parsed entry (server/src/watchlists/entry.rs) as JSON.
    body       TEXT    NOT NULL,
    PRIMARY KEY (version_id, position)
);

-- A watch-list match a security lead confirmed as true (a false one is a finding dismissal).
-- Keyed like dismissals: the match's fingerprint covers the entry's digest and the person's value.
CREATE TABLE match_confirmations (
    person_id       INTEGER NOT NULL REFERENCES people (id),
    fingerprint     TEXT    NOT NULL,
    indicator       TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    confirmed_by    TEXT    NOT NULL,
    confirmed_at_ms INTEGER NOT NULL,
    PRIMARY KEY (person_id, fingerprint)
);
