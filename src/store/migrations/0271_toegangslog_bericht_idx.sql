CREATE INDEX IF NOT EXISTS toegangslog_bericht_idx ON toegangslog (bericht_id, seq)
