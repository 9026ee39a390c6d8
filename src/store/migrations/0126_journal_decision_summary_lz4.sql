-- As 0122 for the new column: lz4 where the server has it (PGlite keeps pglz).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE journal ALTER COLUMN decision_summary SET COMPRESSION lz4;
  END IF;
END
$$
