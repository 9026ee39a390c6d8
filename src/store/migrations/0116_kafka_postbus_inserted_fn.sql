-- Statement-level replacement of the postbus INSERT part of 0105 (postbus rows come in multi-row INSERTs).
CREATE OR REPLACE FUNCTION sluis_kafka_postbus_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF (SELECT enabled FROM kafka_settings WHERE id = 1) IS NOT TRUE THEN RETURN NULL; END IF;
  INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
  SELECT x.bericht_id, 'kafka', 'events', 'kafka:delivery:' || x.ev,
         jsonb_build_object('kind', 'delivery', 'eventId', x.ev, 'at', now(), 'channel', 'postbus',
           'outcome', 'delivered', 'party', x.party, 'item', x.kind, 'deliveryKey', 'postbus:' || x.seq)
    FROM (SELECT n.bericht_id, n.party, n.kind, n.seq, gen_random_uuid() AS ev FROM new_rows n) x;
  RETURN NULL;
END
$fn$
