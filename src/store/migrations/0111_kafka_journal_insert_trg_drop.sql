DROP TRIGGER IF EXISTS sluis_kafka_journal_insert ON journal
