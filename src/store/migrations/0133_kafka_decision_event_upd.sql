-- As 0123, now that the decision column no longer holds the summary: new and previous decision are
-- taken as they are (0123 stripped the summary from both, per change).
CREATE OR REPLACE FUNCTION sluis_kafka_journal_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF (SELECT enabled FROM kafka_settings WHERE id = 1) IS NOT TRUE THEN RETURN NULL; END IF;
  INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
  SELECT x.id, 'kafka', 'events', 'kafka:decision:' || x.ev,
         jsonb_build_object('kind', 'decision', 'eventId', x.ev, 'at', now(), 'status', x.status,
           'decision', x.decision, 'previous', x.previous)
    FROM (SELECT n.id, n.status, n.decision, o.decision AS previous, gen_random_uuid() AS ev
            FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE n.decision IS NOT NULL
             AND (n.decision_rev <> o.decision_rev OR n.decision IS DISTINCT FROM o.decision)) x;
  RETURN NULL;
END
$fn$
