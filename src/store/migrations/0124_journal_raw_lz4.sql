-- Compress the raw bytes with lz4 where the server has it, still out of line (EXTENDED). 0008 kept
-- them uncompressed because pglz in PGlite (WebAssembly) cost ~0.7 ms per 7.6 KB JW301; lz4 is an
-- order of magnitude cheaper, and an uncompressed 7.6 KB bericht is four TOAST chunks and four TOAST
-- index entries, all written to the WAL. Measured over HTTP (JW301, 32 clients, PostgreSQL 15, 2 cores,
-- 3 alternations of 3 rounds): PostgreSQL CPU per bericht median ~227 → ~173 µs, berichten/s +8 to +15 % per pair.
-- PGlite has pglz only and keeps 0008. Rows written before stay uncompressed; both are read alike.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE journal ALTER COLUMN raw SET STORAGE EXTENDED, ALTER COLUMN raw SET COMPRESSION lz4;
  END IF;
END
$$
