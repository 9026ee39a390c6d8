-- The conversation rules (src/conversation) ask about starts and stops (305, 307) by ToewijzingNummer
-- and client: a second partial GIN index beside journal_decision_summary_state (0131), so those
-- berichten do not grow the first one and the others (declaraties above all) cost nothing.
CREATE INDEX IF NOT EXISTS journal_decision_summary_regie ON journal USING gin (decision_summary jsonb_path_ops)
  WHERE (decision_summary ->> 'nummer') IN ('305', '307')
