CREATE INDEX IF NOT EXISTS toegangslog_actor_idx ON toegangslog (actor, seq)
