-- The journal state's index moves to the new column (0131); dropped first so that moving the existing
-- summaries (0129) does not maintain it row by row.
DROP INDEX IF EXISTS journal_decision_state
