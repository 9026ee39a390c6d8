-- One file of a batch, in the order of the batch: its name as posted, its outcome, the journal row it
-- became (none when it was refused before the journal: not well-formed, not XSD-valid, not the sender's),
-- the problem that refused it and the issues found. Codes and rule texts only, never a value from the file.
CREATE TABLE IF NOT EXISTS batch_file (
  batch_id   text NOT NULL REFERENCES batch(id),
  idx        integer NOT NULL,
  name       text NOT NULL,
  outcome    text NOT NULL,
  bericht_id text REFERENCES journal(id),
  bericht    text,
  problem    jsonb,
  issues     jsonb NOT NULL DEFAULT '[]'::jsonb,
  PRIMARY KEY (batch_id, idx)
)
