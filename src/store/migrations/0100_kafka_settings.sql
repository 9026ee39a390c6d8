-- Kafka switch shared by all instances on one database: the journal/postbus/outbox triggers below only
-- enqueue Kafka rows while `enabled` (set at start when KAFKA_BROKERS is configured), so the embedded
-- mode without Kafka does not grow an outbox backlog nobody drains.
CREATE TABLE IF NOT EXISTS kafka_settings (
  id         integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  enabled    boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
)
