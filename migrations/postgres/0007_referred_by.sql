-- Who referred whom (source_channel.referred_by_profile_id), as a column so that the referral
-- chain (BEH-08) is read through an index: a referrer's referees, and a batch's referrers.
ALTER TABLE people ADD COLUMN referred_by BIGINT;
CREATE INDEX people_by_referrer ON people (referred_by) WHERE referred_by IS NOT NULL;
