-- Moving the summaries out of the existing decisions (0129) is not a decision change: no decision
-- event may be published for it. The trigger is off for that one statement and on again in 0130.
ALTER TABLE journal DISABLE TRIGGER sluis_kafka_journal_updated
