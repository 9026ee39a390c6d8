DROP TRIGGER IF EXISTS sluis_kafka_postbus ON postbus
