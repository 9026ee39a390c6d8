-- 0151's function, with one more condition per source: a summary without the keys a side table needs
-- (one journaled by an older Sluis, or written by hand) fills nothing, instead of failing the statement
-- that journals or replays it on a NOT NULL column.
CREATE OR REPLACE FUNCTION sluis_conv_facts_add(ids text[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO conv_toegewezen (journal_id, standard, gemeente, aanbieder, toewijzing_nummer, client, item)
  WITH r AS MATERIALIZED (
    SELECT j.id, j.standard, j.decision_summary ->> 'gemeente' AS gemeente, j.decision_summary ->> 'aanbieder' AS aanbieder,
           j.decision_summary -> 'items' AS items
      FROM journal j WHERE j.id = ANY(ids) AND right(j.bericht, 3) = '301' AND j.decision_summary IS NOT NULL AND j.decision_summary ?& array['gemeente', 'aanbieder'])
  SELECT r.id, r.standard, r.gemeente, r.aanbieder, it ->> 'toewijzingNummer', it ->> 'client', it
    FROM r CROSS JOIN LATERAL jsonb_array_elements(r.items) it
   WHERE it ? 'toewijzingNummer' AND it ? 'client';

  INSERT INTO conv_declaratie (journal_id, standard, gemeente, aanbieder, identificatie, dagtekening, declaratie_nummer, periode_begin, periode_eind, xsd_versie)
  WITH r AS MATERIALIZED (
    SELECT j.id, j.standard, j.decision_summary ->> 'gemeente' AS gemeente, j.decision_summary ->> 'aanbieder' AS aanbieder,
           j.decision_summary ->> 'identificatie' AS identificatie, j.decision_summary ->> 'dagtekening' AS dagtekening,
           j.decision_summary ->> 'declaratieNummer' AS nummer,
           j.decision_summary -> 'declaratie' AS d
      FROM journal j WHERE j.id = ANY(ids) AND right(j.bericht, 3) = '323' AND j.decision_summary IS NOT NULL AND j.decision_summary ?& array['gemeente', 'aanbieder', 'identificatie'])
  SELECT r.id, r.standard, r.gemeente, r.aanbieder, r.identificatie, r.dagtekening, r.nummer, r.d ->> 'periodeBegin', r.d ->> 'periodeEind', r.d ->> 'xsdVersie'
    FROM r
  ON CONFLICT (journal_id) DO NOTHING;

  INSERT INTO conv_prestatie (journal_id, standard, gemeente, aanbieder, declaratie_identificatie, referentie_nummer,
                              vorig_referentie_nummer, toewijzing_nummer, item)
  WITH r AS MATERIALIZED (
    SELECT j.id, j.standard, j.decision_summary ->> 'gemeente' AS gemeente, j.decision_summary ->> 'aanbieder' AS aanbieder,
           j.decision_summary ->> 'identificatie' AS identificatie, j.decision_summary -> 'items' AS items
      FROM journal j WHERE j.id = ANY(ids) AND right(j.bericht, 3) = '323' AND j.decision_summary IS NOT NULL AND j.decision_summary ?& array['gemeente', 'aanbieder', 'identificatie'])
  SELECT r.id, r.standard, r.gemeente, r.aanbieder, r.identificatie, it ->> 'productReferentie', it ->> 'vorigReferentie',
         it ->> 'toewijzingNummer', it
    FROM r CROSS JOIN LATERAL jsonb_array_elements(r.items) it
   WHERE it ? 'productReferentie';

  INSERT INTO conv_afwijzing (journal_id, standard, aanbieder, declaratie_identificatie, referentie_nummer)
  WITH r AS MATERIALIZED (
    SELECT j.id, j.standard, j.decision_summary ->> 'aanbieder' AS aanbieder, j.decision_summary -> 'heen' ->> 'identificatie' AS heen,
           (j.decision_summary -> 'declaratie' ->> 'afgewezen') = 'true' AS geheel, j.decision_summary -> 'items' AS items
      FROM journal j WHERE j.id = ANY(ids) AND right(j.bericht, 3) = '325' AND j.decision_summary IS NOT NULL AND j.decision_summary ? 'aanbieder' AND j.decision_summary -> 'heen' ? 'identificatie')
  SELECT r.id, r.standard, r.aanbieder, r.heen, NULL FROM r WHERE r.geheel
  UNION ALL
  SELECT r.id, r.standard, r.aanbieder, r.heen, it ->> 'productReferentie'
    FROM r CROSS JOIN LATERAL jsonb_array_elements(r.items) it
   WHERE r.geheel IS NOT TRUE AND it ? 'productReferentie';
END
$fn$
