-- Historical berichten taken in by `sluis import`: journaled and decided (the conversation state), never
-- delivered. NULL for live traffic.
ALTER TABLE journal ADD COLUMN IF NOT EXISTS imported_at timestamptz
