-- As 0120, now that the decision column no longer holds the summary: the event takes it as it is.
CREATE OR REPLACE FUNCTION sluis_kafka_journal_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF (SELECT enabled FROM kafka_settings WHERE id = 1) IS NOT TRUE THEN RETURN NULL; END IF;
  INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
  SELECT n.id, 'kafka', 'inbound', 'kafka:inbound:' || n.id, '{"kind":"inbound"}'::jsonb FROM new_rows n
  ON CONFLICT (delivery_key) DO NOTHING;
  -- gen_random_uuid() in the subquery's select list: evaluated once per row (volatile, not pulled up).
  INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
  SELECT x.id, 'kafka', 'events', 'kafka:decision:' || x.ev,
         jsonb_build_object('kind', 'decision', 'eventId', x.ev, 'at', now(), 'status', x.status,
           'decision', x.decision, 'previous', NULL)
    FROM (SELECT n.id, n.status, n.decision, gen_random_uuid() AS ev FROM new_rows n WHERE n.decision IS NOT NULL) x;
  RETURN NULL;
END
$fn$
