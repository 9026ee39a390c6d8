-- A batch of files posted at once (POST /api/v1/batches: a zip archive or multipart/form-data), by one
-- party; each file went through the pipeline on its own (batch_file). Counts as they were at intake.
CREATE TABLE IF NOT EXISTS batch (
  id           text PRIMARY KEY,
  received_at  timestamptz NOT NULL,
  submitted_by text NOT NULL,
  source       text NOT NULL,
  files        integer NOT NULL,
  accepted     integer NOT NULL,
  rejected     integer NOT NULL
)
