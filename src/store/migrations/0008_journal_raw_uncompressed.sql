-- Keep the raw bytes out of line but uncompressed: pglz inside PGlite (WebAssembly) cost ~0.7 ms per
-- 7.6 KB JW301 on insert (measured: 64-row batches, ~1,000 → ~200 µs/row with EXTERNAL), and the XML
-- is read back whole anyway. Disk cost: about 2–3× for the raw column.
ALTER TABLE journal ALTER COLUMN raw SET STORAGE EXTERNAL
