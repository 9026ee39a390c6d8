-- State questions that stay as cheap at a million journal rows as at a thousand (measured in the
-- http-ingest bench's stateful rows: the rate fell round by round as the journal grew).
-- 1. The journal's GIN indexes without a pending list: with fastupdate every insert lands in an
--    unsorted list of up to 4 MB that every probe reads whole (208 buffers, 10 ms per probe at 8,000
--    rows; 3 buffers, 0.02 ms without). A summary is a few dozen keys: writing them into the tree
--    at insert costs less than any probe scanning the list.
-- 2. The side tables' btrees led by the number asked about, not by (standard, gemeente, aanbieder):
--    without fresh statistics (PGlite has none; PostgreSQL while a table grows) the planner used only
--    the pair as index condition and filtered every row of the pair.
DO $do$
BEGIN
  ALTER INDEX journal_decision_summary_state SET (fastupdate = off);
  ALTER INDEX journal_decision_summary_regie SET (fastupdate = off);
  PERFORM gin_clean_pending_list('journal_decision_summary_state'::regclass);
  PERFORM gin_clean_pending_list('journal_decision_summary_regie'::regclass);

  DROP INDEX IF EXISTS conv_toegewezen_nummer;
  CREATE INDEX conv_toegewezen_nummer ON conv_toegewezen (toewijzing_nummer, standard, gemeente, aanbieder);
  DROP INDEX IF EXISTS conv_prestatie_referentie;
  CREATE INDEX conv_prestatie_referentie ON conv_prestatie (referentie_nummer, standard, aanbieder);
  DROP INDEX IF EXISTS conv_prestatie_vorig;
  CREATE INDEX conv_prestatie_vorig ON conv_prestatie (vorig_referentie_nummer, standard, aanbieder)
    WHERE vorig_referentie_nummer IS NOT NULL;
  DROP INDEX IF EXISTS conv_prestatie_toewijzing;
  CREATE INDEX conv_prestatie_toewijzing ON conv_prestatie (toewijzing_nummer, standard, gemeente, aanbieder);
  DROP INDEX IF EXISTS conv_declaratie_identificatie;
  CREATE INDEX conv_declaratie_identificatie ON conv_declaratie (identificatie, standard, aanbieder);
  DROP INDEX IF EXISTS conv_afwijzing_declaratie;
  CREATE INDEX conv_afwijzing_declaratie ON conv_afwijzing (declaratie_identificatie, standard, aanbieder);
END
$do$
