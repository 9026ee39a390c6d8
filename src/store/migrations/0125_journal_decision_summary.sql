-- The decision core's summary (the BSN-free facts a decision was taken on: codes, dates, references)
-- gets a column of its own instead of riding inside `decision` as decision.summary. A replay that
-- changes a decision then rewrites the decision alone: before, every change re-attached the summary
-- in SQL (decision || jsonb_build_object('summary', …)) and recompressed ~2–2.6 KB of jsonb, and the
-- decision-event triggers stripped it twice per change (0120/0121). The API still shows it as
-- decision.summary (src/store/journal.ts puts it back on read).
ALTER TABLE journal ADD COLUMN IF NOT EXISTS decision_summary jsonb
