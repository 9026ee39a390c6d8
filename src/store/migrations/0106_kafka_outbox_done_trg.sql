CREATE OR REPLACE TRIGGER sluis_kafka_outbox_done AFTER UPDATE OF done_at, failed_at ON outbox
  FOR EACH ROW WHEN (NEW.channel <> 'kafka') EXECUTE FUNCTION sluis_kafka_enqueue()
