-- The conversation rules' summary probes (src/store/journal/state-all.ts) as one function whose two
-- queries PL/pgSQL plans once per connection: the same probe as inline SQL was planned on every call
-- (≈ 0.17 ms of PostgreSQL's CPU per probe, ~3 probes per bericht; docs/benchmarks.md). Each query
-- names its partial GIN index's predicate (0131 state, 0135 regie) so the index serves it; a row that
-- matches several probes comes once; rows Sluis rejected or refused count as never sent. The caller
-- orders the rows.
CREATE OR REPLACE FUNCTION sluis_summary_probe(idx text, probes jsonb, fulls jsonb, before_at timestamptz, before_id text)
RETURNS TABLE (id text, received_at timestamptz, decision_summary jsonb) LANGUAGE plpgsql STABLE
-- A plan made while the journal was small (a seq scan) would be kept as it grows: the GIN index always.
SET enable_seqscan = off SET enable_indexscan = off AS $fn$
BEGIN
  IF idx = 'regie' THEN
    RETURN QUERY
    WITH m AS MATERIALIZED (
      SELECT DISTINCT ON (j.id) j.id, j.received_at, j.decision, j.decision_summary, j.status
      FROM jsonb_array_elements(probes) p(v)
      CROSS JOIN LATERAL (
        SELECT jj.id, jj.received_at, jj.decision, jj.decision_summary, jj.status FROM journal jj
        WHERE jj.decision_summary @> p.v AND (jj.decision_summary ->> 'nummer') IN ('305', '307')) j)
    SELECT m.id, m.received_at, m.decision_summary FROM m
    WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(fulls) f(v) WHERE m.decision_summary @> f.v)
      AND m.decision IS NOT NULL AND m.decision ->> 'action' <> 'refuse' AND m.status <> 'afgekeurd'
      AND (before_at IS NULL OR (m.received_at, m.id) < (before_at, before_id));
  ELSIF idx = 'state' THEN
    RETURN QUERY
    WITH m AS MATERIALIZED (
      SELECT DISTINCT ON (j.id) j.id, j.received_at, j.decision, j.decision_summary, j.status
      FROM jsonb_array_elements(probes) p(v)
      CROSS JOIN LATERAL (
        SELECT jj.id, jj.received_at, jj.decision, jj.decision_summary, jj.status FROM journal jj
        WHERE jj.decision_summary @> p.v AND (jj.decision_summary ->> 'nummer') IN ('301', '315', '317', '319')) j)
    SELECT m.id, m.received_at, m.decision_summary FROM m
    WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(fulls) f(v) WHERE m.decision_summary @> f.v)
      AND m.decision IS NOT NULL AND m.decision ->> 'action' <> 'refuse' AND m.status <> 'afgekeurd'
      AND (before_at IS NULL OR (m.received_at, m.id) < (before_at, before_id));
  ELSE
    RAISE EXCEPTION 'sluis_summary_probe: unknown index %', idx;
  END IF;
END
$fn$
