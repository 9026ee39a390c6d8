-- One row per bericht Sluis has taken in (accepted, rejected at L2/L3, or answered as TR056 duplicate).
-- L1 failures are never stored. `summary` holds no BSN or name in clear (client keys are keyed hashes).
CREATE TABLE IF NOT EXISTS journal (
  id            text PRIMARY KEY,
  received_at   timestamptz NOT NULL DEFAULT now(),
  standard      text NOT NULL,
  bericht       text NOT NULL,
  bericht_code  text NOT NULL,
  afzender      text NOT NULL,
  ontvanger     text NOT NULL,
  sender        text NOT NULL,
  addressee     text,
  identificatie text NOT NULL,
  idem_key      text UNIQUE,
  sha256        text NOT NULL,
  raw           bytea NOT NULL,
  summary       jsonb NOT NULL,
  status        text NOT NULL,
  decision      jsonb,
  issues        jsonb NOT NULL DEFAULT '[]'::jsonb,
  retour_xml    text,
  duplicate_of  text
)
