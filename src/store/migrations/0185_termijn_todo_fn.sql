-- Statement-level (one INSERT … SELECT per group-commit statement, as 0110 does for Kafka). Only rows
-- with a decision summary can open or close a termijn: an L2/L3 rejection is answered by Sluis itself.
CREATE OR REPLACE FUNCTION sluis_termijn_todo() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO termijn_todo (journal_id) SELECT n.id FROM new_rows n WHERE n.decision_summary IS NOT NULL
  ON CONFLICT (journal_id) DO NOTHING;
  RETURN NULL;
END
$fn$
