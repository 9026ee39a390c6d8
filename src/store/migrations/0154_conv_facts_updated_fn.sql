-- After a journal update that changes decision_summary (a replay's redecide): the rows' side-table
-- entries are made again from the new summary. Status-only updates (delivery) change nothing here.
CREATE OR REPLACE FUNCTION sluis_conv_facts_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  changed text[];
BEGIN
  changed := ARRAY(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE right(n.bericht, 3) IN ('301', '323', '325')
       AND n.decision_summary IS DISTINCT FROM o.decision_summary);
  IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
  DELETE FROM conv_toegewezen WHERE journal_id = ANY(changed);
  DELETE FROM conv_prestatie WHERE journal_id = ANY(changed);
  DELETE FROM conv_declaratie WHERE journal_id = ANY(changed);
  DELETE FROM conv_afwijzing WHERE journal_id = ANY(changed);
  PERFORM sluis_conv_facts_add(changed);
  RETURN NULL;
END
$fn$
