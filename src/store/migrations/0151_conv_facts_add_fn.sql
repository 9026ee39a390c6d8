-- Fills the side tables of 0150 from the decision summaries of the given journal rows (301, 323, 325).
CREATE OR REPLACE FUNCTION sluis_conv_facts_add(ids text[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO conv_toegewezen (journal_id, standard, gemeente, aanbieder, toewijzing_nummer, client, item)
  SELECT j.id, j.standard, s ->> 'gemeente', s ->> 'aanbieder', it ->> 'toewijzingNummer', it ->> 'client', it
    FROM journal j CROSS JOIN LATERAL (SELECT j.decision_summary AS s) x CROSS JOIN LATERAL jsonb_array_elements(s -> 'items') it
   WHERE j.id = ANY(ids) AND s ->> 'nummer' = '301' AND it ? 'toewijzingNummer' AND it ? 'client';

  INSERT INTO conv_declaratie (journal_id, standard, gemeente, aanbieder, identificatie, declaratie_nummer, periode_begin, periode_eind, xsd_versie)
  SELECT j.id, j.standard, s ->> 'gemeente', s ->> 'aanbieder', s ->> 'identificatie', s ->> 'declaratieNummer',
         s -> 'declaratie' ->> 'periodeBegin', s -> 'declaratie' ->> 'periodeEind', s -> 'declaratie' ->> 'xsdVersie'
    FROM journal j CROSS JOIN LATERAL (SELECT j.decision_summary AS s) x
   WHERE j.id = ANY(ids) AND s ->> 'nummer' = '323'
  ON CONFLICT (journal_id) DO NOTHING;

  INSERT INTO conv_prestatie (journal_id, standard, gemeente, aanbieder, declaratie_identificatie, referentie_nummer,
                              vorig_referentie_nummer, toewijzing_nummer, item)
  SELECT j.id, j.standard, s ->> 'gemeente', s ->> 'aanbieder', s ->> 'identificatie', it ->> 'productReferentie',
         it ->> 'vorigReferentie', it ->> 'toewijzingNummer', it
    FROM journal j CROSS JOIN LATERAL (SELECT j.decision_summary AS s) x CROSS JOIN LATERAL jsonb_array_elements(s -> 'items') it
   WHERE j.id = ANY(ids) AND s ->> 'nummer' = '323' AND it ? 'productReferentie';

  INSERT INTO conv_afwijzing (journal_id, standard, aanbieder, declaratie_identificatie, referentie_nummer)
  SELECT j.id, j.standard, s ->> 'aanbieder', s -> 'heen' ->> 'identificatie', NULL
    FROM journal j CROSS JOIN LATERAL (SELECT j.decision_summary AS s) x
   WHERE j.id = ANY(ids) AND s ->> 'nummer' = '325' AND (s -> 'declaratie' ->> 'afgewezen') = 'true'
  UNION ALL
  SELECT j.id, j.standard, s ->> 'aanbieder', s -> 'heen' ->> 'identificatie', it ->> 'productReferentie'
    FROM journal j CROSS JOIN LATERAL (SELECT j.decision_summary AS s) x CROSS JOIN LATERAL jsonb_array_elements(s -> 'items') it
   WHERE j.id = ANY(ids) AND s ->> 'nummer' = '325' AND (s -> 'declaratie' ->> 'afgewezen') IS DISTINCT FROM 'true'
     AND it ? 'productReferentie';
END
$fn$
