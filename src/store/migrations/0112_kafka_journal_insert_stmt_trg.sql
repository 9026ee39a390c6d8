CREATE OR REPLACE TRIGGER sluis_kafka_journal_inserted AFTER INSERT ON journal
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sluis_kafka_journal_inserted()
