CREATE INDEX IF NOT EXISTS journal_status_bericht ON journal_status (bericht_id, id)
