-- The decision state's containment queries (src/pipeline/journal-state.ts) only ask about verzoeken
-- (315, 317), their answers (319) and toewijzingen (301): index only those summaries. Declaraties
-- (323, the largest summaries) and everything else are left out, so they cost the journal write nothing.
CREATE INDEX IF NOT EXISTS journal_decision_state ON journal USING gin ((decision -> 'summary') jsonb_path_ops)
  WHERE (decision -> 'summary' ->> 'nummer') IN ('301', '315', '317', '319')
