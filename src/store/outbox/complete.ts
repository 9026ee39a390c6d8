import type { Db } from '../db.js';

/** Marks claimed rows done (only those this worker still holds). */
export async function completeOutbox(db: Db, worker: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await db.query('UPDATE outbox SET done_at = now(), locked_at = NULL, locked_by = NULL WHERE id = ANY($1::bigint[]) AND locked_by = $2', [
    ids,
    worker,
  ]);
}
