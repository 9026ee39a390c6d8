-- After a journal insert: the side tables of 0150 for the new 301, 323 and 325 rows (same statement, same transaction).
CREATE OR REPLACE FUNCTION sluis_conv_facts_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM sluis_conv_facts_add(ARRAY(SELECT n.id FROM new_rows n WHERE right(n.bericht, 3) IN ('301', '323', '325')));
  RETURN NULL;
END
$fn$
