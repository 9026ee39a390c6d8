-- Confirmations stay per row (one at a time, from POST /postbus/{id}/ontvangst): 0102's function.
CREATE OR REPLACE TRIGGER sluis_kafka_postbus_confirmed AFTER UPDATE OF confirmed_at ON postbus
  FOR EACH ROW EXECUTE FUNCTION sluis_kafka_enqueue()
