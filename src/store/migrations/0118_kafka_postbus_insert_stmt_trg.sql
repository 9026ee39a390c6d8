CREATE OR REPLACE TRIGGER sluis_kafka_postbus_inserted AFTER INSERT ON postbus
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sluis_kafka_postbus_inserted()
