CREATE INDEX IF NOT EXISTS postbus_open ON postbus (party, seq) WHERE confirmed_at IS NULL
