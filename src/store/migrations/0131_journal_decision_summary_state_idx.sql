-- 0013 on the new column: the journal state's containment queries (src/pipeline/journal-state.ts) ask
-- about verzoeken (315, 317), their answers (319) and toewijzingen (301) only; declaraties (the largest
-- summaries) and the rest cost the journal write nothing.
CREATE INDEX IF NOT EXISTS journal_decision_summary_state ON journal USING gin (decision_summary jsonb_path_ops)
  WHERE (decision_summary ->> 'nummer') IN ('301', '315', '317', '319')
