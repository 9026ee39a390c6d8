-- One publisher at a time drains the 'kafka' outbox rows in id order (keeps per-key order in the topic).
-- The lease expires so another instance takes over within its TTL when the holder dies; `epoch` grows on
-- every change of holder and fences a paused former holder's "done" update.
CREATE TABLE IF NOT EXISTS kafka_publisher_lease (
  name       text PRIMARY KEY,
  holder     text NOT NULL,
  epoch      bigint NOT NULL,
  expires_at timestamptz NOT NULL
)
