-- Deliveries to do, written in the same transaction as the journal row. Channels: 'webhook' (this
-- service), 'kafka' (the Kafka publisher). delivery_key is stable so receivers can de-duplicate.
CREATE TABLE IF NOT EXISTS outbox (
  id           bigserial PRIMARY KEY,
  bericht_id   text NOT NULL REFERENCES journal(id),
  channel      text NOT NULL,
  destination  text NOT NULL,
  delivery_key text NOT NULL UNIQUE,
  payload      jsonb NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  run_at       timestamptz NOT NULL DEFAULT now(),
  locked_at    timestamptz,
  locked_by    text,
  last_error   text,
  done_at      timestamptz,
  failed_at    timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
)
