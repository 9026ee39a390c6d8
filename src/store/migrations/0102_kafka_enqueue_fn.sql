-- Enqueues Kafka outbox rows in the same transaction as the change that causes them (no dual write):
--   journal INSERT            → 'inbound' (the raw bericht, read from the journal when published)
--   journal decision set/changed → 'events' decision event (payload snapshots the decision)
--   postbus INSERT / confirm  → 'events' delivery event
--   outbox (not kafka) done/failed → 'events' delivery event (webhook)
CREATE OR REPLACE FUNCTION sluis_kafka_enqueue() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  on_ boolean;
  ev  uuid;
BEGIN
  SELECT enabled INTO on_ FROM kafka_settings WHERE id = 1;
  IF on_ IS NOT TRUE THEN RETURN NULL; END IF;
  ev := gen_random_uuid();
  IF TG_TABLE_NAME = 'journal' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
      VALUES (NEW.id, 'kafka', 'inbound', 'kafka:inbound:' || NEW.id, jsonb_build_object('kind', 'inbound'))
      ON CONFLICT (delivery_key) DO NOTHING;
    END IF;
    IF NEW.decision IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.decision IS DISTINCT FROM NEW.decision) THEN
      INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
      VALUES (NEW.id, 'kafka', 'events', 'kafka:decision:' || ev,
        jsonb_build_object('kind', 'decision', 'eventId', ev, 'at', now(), 'status', NEW.status,
          'decision', NEW.decision, 'previous', CASE WHEN TG_OP = 'UPDATE' THEN OLD.decision END));
    END IF;
  ELSIF TG_TABLE_NAME = 'postbus' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
      VALUES (NEW.bericht_id, 'kafka', 'events', 'kafka:delivery:' || ev,
        jsonb_build_object('kind', 'delivery', 'eventId', ev, 'at', now(), 'channel', 'postbus',
          'outcome', 'delivered', 'party', NEW.party, 'item', NEW.kind, 'deliveryKey', 'postbus:' || NEW.seq));
    ELSIF OLD.confirmed_at IS NULL AND NEW.confirmed_at IS NOT NULL THEN
      INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
      VALUES (NEW.bericht_id, 'kafka', 'events', 'kafka:delivery:' || ev,
        jsonb_build_object('kind', 'delivery', 'eventId', ev, 'at', now(), 'channel', 'postbus',
          'outcome', 'confirmed', 'party', NEW.party, 'item', NEW.kind, 'deliveryKey', 'postbus:' || NEW.seq));
    END IF;
  ELSIF TG_TABLE_NAME = 'outbox' THEN
    IF NEW.channel <> 'kafka' AND ((OLD.done_at IS NULL AND NEW.done_at IS NOT NULL)
        OR (OLD.failed_at IS NULL AND NEW.failed_at IS NOT NULL)) THEN
      INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
      VALUES (NEW.bericht_id, 'kafka', 'events', 'kafka:delivery:' || ev,
        jsonb_build_object('kind', 'delivery', 'eventId', ev, 'at', now(), 'channel', NEW.channel,
          'outcome', CASE WHEN NEW.done_at IS NOT NULL THEN 'delivered' ELSE 'failed' END,
          'party', NEW.destination, 'deliveryKey', NEW.delivery_key, 'attempts', NEW.attempts,
          'error', NEW.last_error));
    END IF;
  END IF;
  RETURN NULL;
END
$fn$
