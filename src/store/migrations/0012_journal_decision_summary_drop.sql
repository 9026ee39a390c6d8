-- Replaced by the partial index of 0013: indexing every decision summary cost a 323 with 50
-- prestaties ~+250 µs per journal row (465 → 738 µs on PostgreSQL here) for keys no query asks for.
DROP INDEX IF EXISTS journal_decision_summary
