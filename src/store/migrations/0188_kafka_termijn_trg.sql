CREATE OR REPLACE TRIGGER sluis_kafka_termijn_verlopen AFTER UPDATE ON termijn
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sluis_kafka_termijn_verlopen()
