-- A counter bumped with every change of `decision` after the first (replay): a replay's compare-and-set
-- compares this integer instead of the whole decision jsonb, which it had to send back and the server
-- had to parse and compare per row (the decision carries the summary: ~2 KB, more for a 323).
ALTER TABLE journal ADD COLUMN IF NOT EXISTS decision_rev integer NOT NULL DEFAULT 0
