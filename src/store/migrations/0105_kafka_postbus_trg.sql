CREATE OR REPLACE TRIGGER sluis_kafka_postbus AFTER INSERT OR UPDATE OF confirmed_at ON postbus
  FOR EACH ROW EXECUTE FUNCTION sluis_kafka_enqueue()
