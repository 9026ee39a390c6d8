CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (channel, run_at) WHERE done_at IS NULL AND failed_at IS NULL
