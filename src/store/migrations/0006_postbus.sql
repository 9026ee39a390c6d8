-- What is addressed to a party, in commit order per instance; an item stays until the party confirms it.
CREATE TABLE IF NOT EXISTS postbus (
  seq          bigserial PRIMARY KEY,
  party        text NOT NULL,
  bericht_id   text NOT NULL REFERENCES journal(id),
  kind         text NOT NULL DEFAULT 'bericht',
  created_at   timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  UNIQUE (party, bericht_id, kind)
)
