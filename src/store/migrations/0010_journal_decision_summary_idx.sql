-- The decision core's state (verzoeken by ReferentieAanbieder, toewijzingen by ToewijzingNummer) is
-- read from the summary the core journals inside each decision (decision -> 'summary', no BSN):
-- containment queries (@>) on that expression use this GIN index, so no second table has to be
-- kept in step with the journal write.
CREATE INDEX IF NOT EXISTS journal_decision_summary ON journal USING gin ((decision -> 'summary') jsonb_path_ops)
