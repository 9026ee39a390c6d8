-- The contract registry in the store (decision 0032): every change is a new version holding the whole
-- checked registry document, with who (door: 'operator:<naam>' or 'import'), when (the gateway's
-- injected clock), why (reden, required) and through which route (bron: api, console, import).
-- Versions are numbered without gaps from 1; an instance writes version n+1 only if n is still the
-- newest (ON CONFLICT on the key: optimistic, two instances cannot overwrite each other's change).
CREATE TABLE IF NOT EXISTS contract_registry_versie (
  versie          bigint PRIMARY KEY,
  vastgelegd_op   timestamptz NOT NULL,
  door            text NOT NULL,
  sleutel         text,
  reden           text NOT NULL CHECK (reden <> ''),
  bron            text NOT NULL,
  sha256          text NOT NULL,
  document        jsonb NOT NULL
)
