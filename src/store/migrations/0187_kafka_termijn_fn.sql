-- A termijn that passes its uiterlijk unanswered (the sweep sets status verlopen) becomes a
-- `sluis.termijn` event (schemas/events/termijn.v1.schema.json) in the same transaction, when Kafka is on.
CREATE OR REPLACE FUNCTION sluis_kafka_termijn_verlopen() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF (SELECT enabled FROM kafka_settings WHERE id = 1) IS NOT TRUE THEN RETURN NULL; END IF;
  INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
  SELECT n.bericht_id, 'kafka', 'events', 'kafka:termijn-verlopen:' || n.seq,
         jsonb_build_object('kind', 'termijn-verlopen', 'eventId', gen_random_uuid(), 'at', now(),
           'termijn', n.seq, 'regel', n.regel, 'voorwaarde', n.voorwaarde, 'wachtOp', to_jsonb(n.wacht_op),
           'gemeente', n.gemeente, 'aanbieder', n.aanbieder, 'schuldenaar', n.schuldenaar,
           'geopendOp', n.geopend_op, 'uiterlijk', n.uiterlijk, 'verlopenOp', n.verlopen_op)
    FROM new_rows n JOIN old_rows o ON o.seq = n.seq
   WHERE n.status = 'verlopen' AND o.status = 'open' AND n.gesloten_door IS NULL
  ON CONFLICT (delivery_key) DO NOTHING;
  RETURN NULL;
END
$fn$
