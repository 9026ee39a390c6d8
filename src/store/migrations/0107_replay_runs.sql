-- Every replay (dry-run or real) is journaled: who, when, which selection, what it counted and changed.
CREATE TABLE IF NOT EXISTS replay_runs (
  id          text PRIMARY KEY,
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  operator    text NOT NULL,
  source      text NOT NULL,
  dry_run     boolean NOT NULL,
  selection   jsonb NOT NULL,
  counts      jsonb,
  changes     jsonb,
  status      text NOT NULL DEFAULT 'running'
)
