-- StUF-GGk envelopes taken in (docs/stuf-ggk.md): one row per referentienummer, so a referentienummer
-- used again for another bericht is refused (Fo01 IB016) and the same envelope sent again is answered
-- Bv03 again; the Du01 Sluis sends back for a bericht names its heenbericht's referentienummer as
-- crossRefnummer. sha256 is the envelope's bericht (the decoded payload), bericht_id its journal row.
CREATE TABLE IF NOT EXISTS stuf_ggk_referentie (
  referentienummer text PRIMARY KEY,
  zender           text NOT NULL,
  bericht_id       text NOT NULL,
  sha256           text NOT NULL,
  received_at      timestamptz NOT NULL DEFAULT now()
)
