-- People (candidates and contractors), their versions, the cross-profile link index, screenings
-- with their findings, dismissals and decisions. The PostgreSQL file has the same steps.

CREATE TABLE people (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    kind                TEXT    NOT NULL CHECK (kind IN ('candidate', 'contractor')),
    status              TEXT    NOT NULL DEFAULT 'new'
                        CHECK (status IN ('new', 'screening', 'cleared', 'rejected', 'hired', 'offboarded')),
    full_name           TEXT    NOT NULL,
    -- Sorted, case- and accent-folded name tokens plus DOB: who the profile claims to be.
    identity_key        TEXT    NOT NULL,
    search_text         TEXT    NOT NULL,
    -- The profile document as JSON; bank and ID numbers are replaced by keyed hashes.
    document            TEXT    NOT NULL,
    version             INTEGER NOT NULL,
    score               INTEGER NOT NULL DEFAULT 0,
    band                TEXT    NOT NULL DEFAULT 'clear',
    created_by          TEXT    NOT NULL,
    created_at_ms       INTEGER NOT NULL,
    updated_at_ms       INTEGER NOT NULL
);
CREATE INDEX people_by_status ON people (status);
CREATE INDEX people_by_band ON people (band);

CREATE TABLE person_versions (
    person_id     INTEGER NOT NULL REFERENCES people (id),
    version       INTEGER NOT NULL,
    document      TEXT    NOT NULL,
    changed_fields TEXT   NOT NULL,
    changed_by    TEXT    NOT NULL,
    changed_at_ms INTEGER NOT NULL,
    PRIMARY KEY (person_id, version)
);

CREATE TABLE link_keys (
    person_id INTEGER NOT NULL REFERENCES people (id),
    kind      TEXT    NOT NULL,
    link_key  TEXT    NOT NULL,
    PRIMARY KEY (person_id, kind, link_key)
);
CREATE INDEX link_keys_lookup ON link_keys (kind, link_key);

CREATE TABLE screenings (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id      INTEGER NOT NULL REFERENCES people (id),
    person_version INTEGER NOT NULL,
    rules_version  TEXT    NOT NULL,
    score          INTEGER NOT NULL,
    band           TEXT    NOT NULL,
    reason         TEXT    NOT NULL,
    created_at_ms  INTEGER NOT NULL
);
CREATE INDEX screenings_by_person ON screenings (person_id, id);

CREATE TABLE findings (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    screening_id INTEGER NOT NULL REFERENCES screenings (id),
    person_id    INTEGER NOT NULL REFERENCES people (id),
    indicator    TEXT    NOT NULL,
    family       TEXT    NOT NULL,
    severity     TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    evidence     TEXT    NOT NULL,
    related      TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    -- Indicator plus evidence: a dismissal holds only while these stay the same.
    fingerprint  TEXT    NOT NULL
);
CREATE INDEX findings_by_screening ON findings (screening_id);

CREATE TABLE finding_dismissals (
    person_id     INTEGER NOT NULL REFERENCES people (id),
    fingerprint   TEXT    NOT NULL,
    indicator     TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    dismissed_by  TEXT    NOT NULL,
    dismissed_at_ms INTEGER NOT NULL,
    PRIMARY KEY (person_id, fingerprint)
);

CREATE TABLE screening_decisions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    screening_id  INTEGER NOT NULL REFERENCES screenings (id),
    decision      TEXT    NOT NULL CHECK (decision IN ('cleared', 'rejected', 'needs_info')),
    reason        TEXT    NOT NULL,
    decided_by    TEXT    NOT NULL,
    decided_at_ms INTEGER NOT NULL
);
CREATE INDEX decisions_by_person ON screening_decisions (person_id, id);
