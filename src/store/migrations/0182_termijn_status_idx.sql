-- The sweep (open and past uiterlijk) and the gauges (open, verlopen) read by status.
CREATE INDEX IF NOT EXISTS termijn_status ON termijn (status, uiterlijk)
