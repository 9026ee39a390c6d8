DROP TRIGGER IF EXISTS sluis_kafka_journal_decision ON journal
