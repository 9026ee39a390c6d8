-- The decision core's BSN-free summary per bericht, made once by the first replay that needs it, so
-- later replays of the same traffic decide without parsing XML again (summaries of immutable raw bytes
-- never go stale; the decision is what is recomputed).
CREATE TABLE IF NOT EXISTS replay_summaries (
  bericht_id text PRIMARY KEY REFERENCES journal(id),
  summary    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)
