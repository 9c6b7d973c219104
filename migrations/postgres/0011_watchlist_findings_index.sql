-- The watch-list review queue (`people?matches=to_review`) reads only the KNOWN-* findings: a
-- partial index keeps that read proportional to the matches, not to everyone on file.
-- The other database's file has the same statement.
CREATE INDEX findings_watchlist ON findings (person_id, screening_id) WHERE indicator LIKE 'KNOWN-%';
