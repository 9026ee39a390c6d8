-- Replay selects journal rows by time range, paged by (received_at, id).
CREATE INDEX IF NOT EXISTS journal_received_at ON journal (received_at, id)
