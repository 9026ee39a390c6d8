-- As 0121, with a cheaper test for "the decision changed": a replay bumps decision_rev with every change,
-- so rows whose rev moved are taken without comparing the two decisions (jsonb equality over ~2 KB each,
-- both detoasted). Other updates of a journal row (status, addressee) keep the rev and fall back to the
-- comparison, so a decision set any other way still publishes its event. Measured on a replay real run
-- (PostgreSQL 15, 3,333 of 10,000 changing): median ~13,150 → ~14,000 berichten/s.
CREATE OR REPLACE FUNCTION sluis_kafka_journal_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF (SELECT enabled FROM kafka_settings WHERE id = 1) IS NOT TRUE THEN RETURN NULL; END IF;
  INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
  SELECT x.id, 'kafka', 'events', 'kafka:decision:' || x.ev,
         jsonb_build_object('kind', 'decision', 'eventId', x.ev, 'at', now(), 'status', x.status,
           'decision', x.decision - 'summary', 'previous', x.previous - 'summary')
    FROM (SELECT n.id, n.status, n.decision, o.decision AS previous, gen_random_uuid() AS ev
            FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE n.decision IS NOT NULL
             AND (n.decision_rev <> o.decision_rev OR n.decision IS DISTINCT FROM o.decision)) x;
  RETURN NULL;
END
$fn$
