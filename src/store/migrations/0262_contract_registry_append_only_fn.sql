-- The registry's history and the access log are append-only: UPDATE and DELETE are refused by the
-- database itself, whatever the application does.
CREATE OR REPLACE FUNCTION sluis_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$
