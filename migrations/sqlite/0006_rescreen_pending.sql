-- People whose screening must be redone because someone linked to them arrived: the import
-- flags them in its chunk transactions and re-screens them once at its end; whatever a crash
-- leaves flagged, the background refresh picks up after the next start.
ALTER TABLE people ADD COLUMN rescreen_pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX people_rescreen_pending ON people (rescreen_pending) WHERE rescreen_pending = 1;
