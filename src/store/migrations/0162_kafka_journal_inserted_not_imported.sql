-- As 0132, but imported history (journal.imported_at, 0161) is not traffic: no inbound message and no
-- decision event for it, so an import delivers nothing on Kafka either.
CREATE OR REPLACE FUNCTION sluis_kafka_journal_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF (SELECT enabled FROM kafka_settings WHERE id = 1) IS NOT TRUE THEN RETURN NULL; END IF;
  INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
  SELECT n.id, 'kafka', 'inbound', 'kafka:inbound:' || n.id, '{"kind":"inbound"}'::jsonb FROM new_rows n WHERE n.imported_at IS NULL
  ON CONFLICT (delivery_key) DO NOTHING;
  -- gen_random_uuid() in the subquery's select list: evaluated once per row (volatile, not pulled up).
  INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
  SELECT x.id, 'kafka', 'events', 'kafka:decision:' || x.ev,
         jsonb_build_object('kind', 'decision', 'eventId', x.ev, 'at', now(), 'status', x.status,
           'decision', x.decision, 'previous', NULL)
    FROM (SELECT n.id, n.status, n.decision, gen_random_uuid() AS ev FROM new_rows n WHERE n.decision IS NOT NULL AND n.imported_at IS NULL) x;
  RETURN NULL;
END
$fn$
