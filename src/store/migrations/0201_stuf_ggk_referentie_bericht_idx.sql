-- The Du01's crossRefnummer is looked up by the heenbericht's journal id.
CREATE INDEX IF NOT EXISTS stuf_ggk_referentie_bericht_idx ON stuf_ggk_referentie (bericht_id)
