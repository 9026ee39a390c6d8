-- 0185 with the row's received_at (0191).
CREATE OR REPLACE FUNCTION sluis_termijn_todo() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO termijn_todo (journal_id, received_at) SELECT n.id, n.received_at FROM new_rows n WHERE n.decision_summary IS NOT NULL
  ON CONFLICT (journal_id) DO NOTHING;
  RETURN NULL;
END
$fn$
