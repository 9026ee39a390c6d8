CREATE OR REPLACE TRIGGER sluis_kafka_journal_decision AFTER UPDATE OF decision ON journal
  FOR EACH ROW WHEN (OLD.decision IS DISTINCT FROM NEW.decision) EXECUTE FUNCTION sluis_kafka_enqueue()
