CREATE OR REPLACE TRIGGER sluis_kafka_journal_updated AFTER UPDATE ON journal
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sluis_kafka_journal_updated()
