-- Status history per bericht (ontvangen, gevalideerd, besloten, afgeleverd, …), append-only.
CREATE TABLE IF NOT EXISTS journal_status (
  id         bigserial PRIMARY KEY,
  bericht_id text NOT NULL REFERENCES journal(id),
  status     text NOT NULL,
  at         timestamptz NOT NULL DEFAULT now(),
  detail     jsonb
)
