-- The declaratie rules' side tables (docs/decisions/0022): one row per 301 line, per 323 prestatie,
-- per 323 and per 325 rejection, keyed for the batch questions of one bericht (`= ANY($n)` over a
-- btree). Each is a function of journal.decision_summary alone, kept in step by the triggers 0152/0154
-- in the statement that writes the journal row; whether a row counts (not afgekeurd, not refused) is
-- read from the journal at query time, so a replay that changes a decision needs no second write.
DO $do$
BEGIN
  CREATE TABLE IF NOT EXISTS conv_toegewezen (
    journal_id        text NOT NULL,
    standard          text NOT NULL,
    gemeente          text NOT NULL,
    aanbieder         text NOT NULL,
    toewijzing_nummer text NOT NULL,
    client            text NOT NULL,
    item              jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS conv_toegewezen_nummer ON conv_toegewezen (standard, gemeente, aanbieder, toewijzing_nummer);
  CREATE INDEX IF NOT EXISTS conv_toegewezen_journal ON conv_toegewezen (journal_id);

  CREATE TABLE IF NOT EXISTS conv_prestatie (
    journal_id               text NOT NULL,
    standard                 text NOT NULL,
    gemeente                 text NOT NULL,
    aanbieder                text NOT NULL,
    declaratie_identificatie text NOT NULL,
    referentie_nummer        text NOT NULL,
    vorig_referentie_nummer  text,
    toewijzing_nummer        text,
    item                     jsonb NOT NULL
  );
  CREATE INDEX IF NOT EXISTS conv_prestatie_referentie ON conv_prestatie (standard, aanbieder, referentie_nummer);
  CREATE INDEX IF NOT EXISTS conv_prestatie_vorig ON conv_prestatie (standard, aanbieder, vorig_referentie_nummer)
    WHERE vorig_referentie_nummer IS NOT NULL;
  CREATE INDEX IF NOT EXISTS conv_prestatie_toewijzing ON conv_prestatie (standard, gemeente, aanbieder, toewijzing_nummer);
  CREATE INDEX IF NOT EXISTS conv_prestatie_journal ON conv_prestatie (journal_id);

  CREATE TABLE IF NOT EXISTS conv_declaratie (
    journal_id        text PRIMARY KEY,
    standard          text NOT NULL,
    gemeente          text NOT NULL,
    aanbieder         text NOT NULL,
    identificatie     text NOT NULL,
    dagtekening       text,
    declaratie_nummer text,
    periode_begin     text,
    periode_eind      text,
    xsd_versie        text
  );
  CREATE INDEX IF NOT EXISTS conv_declaratie_identificatie ON conv_declaratie (standard, aanbieder, identificatie);
  CREATE INDEX IF NOT EXISTS conv_declaratie_pair ON conv_declaratie (standard, gemeente, aanbieder);

  -- A 325's rejections: a row per listed prestatie, or one with referentie_nummer NULL when it rejects the whole declaratie.
  CREATE TABLE IF NOT EXISTS conv_afwijzing (
    journal_id               text NOT NULL,
    standard                 text NOT NULL,
    aanbieder                text NOT NULL,
    declaratie_identificatie text NOT NULL,
    referentie_nummer        text
  );
  CREATE INDEX IF NOT EXISTS conv_afwijzing_declaratie ON conv_afwijzing (standard, aanbieder, declaratie_identificatie);
  CREATE INDEX IF NOT EXISTS conv_afwijzing_journal ON conv_afwijzing (journal_id);
END
$do$
