-- Who posted the bericht when that is not its sender by message direction: a hoofdaannemer acting
-- for the gemeente towards its PxQ onderaannemer (contracts: toegestaneVerzenders). NULL otherwise.
-- Kept for accountability and so the submitter can read back what it posted.
ALTER TABLE journal ADD COLUMN IF NOT EXISTS submitted_by text
