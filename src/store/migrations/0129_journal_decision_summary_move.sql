-- Existing rows: the summary journaled inside the decision moves to decision_summary.
UPDATE journal SET decision_summary = decision -> 'summary', decision = decision - 'summary' WHERE decision ? 'summary'
