-- Near-duplicate links (INDICATORS.md §4.1: resume and cover-letter SimHash, photo pHash) are
-- indexed as bands of the hash; the full hash rides along with each band key so that the
-- screening can compare the whole hashes of the profiles a band finds. Empty for exact keys.
-- The SQLite file has the same step.

ALTER TABLE link_keys ADD COLUMN payload TEXT NOT NULL DEFAULT '';
