-- Journal rows the termijn tracker has not looked at yet: filled by a trigger in the journal write's own
-- statement (0186), so none is missed whatever order concurrent group commits finish in; the tracker
-- deletes a row once its termijnen are written. Rows journaled before this migration are not tracked.
CREATE TABLE IF NOT EXISTS termijn_todo (
  journal_id text PRIMARY KEY
)
