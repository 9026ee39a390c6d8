-- Compress the journal's and outbox's jsonb with lz4 where the server has it (PostgreSQL 14+ built with
-- lz4, as Debian's packages are). A row over ~2 KB has its largest values compressed on every write; a
-- decision carrying its summary is ~1.3–2.6 KB of JSON, so ingest and every replayed change pay it.
-- pglz compresses an order of magnitude slower than lz4. Measured on a replay real run on PostgreSQL 15
-- (10,000 berichten, 3,333 decisions rewritten, 2 cores): median 11,200 → 12,600 berichten/s.
-- PGlite is built with pglz only and keeps it. Values written before stay pglz; both are read.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE journal
      ALTER COLUMN decision SET COMPRESSION lz4,
      ALTER COLUMN summary SET COMPRESSION lz4,
      ALTER COLUMN history SET COMPRESSION lz4,
      ALTER COLUMN issues SET COMPRESSION lz4,
      ALTER COLUMN retour_xml SET COMPRESSION lz4;
    ALTER TABLE outbox ALTER COLUMN payload SET COMPRESSION lz4;
  END IF;
END
$$
