CREATE OR REPLACE TRIGGER sluis_kafka_journal_insert AFTER INSERT ON journal
  FOR EACH ROW EXECUTE FUNCTION sluis_kafka_enqueue()
