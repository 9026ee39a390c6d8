import type { Db } from '../db.js';

/**
 * Puts a failed delivery back in the queue: due now, attempts counted afresh, its last error kept
 * until an attempt succeeds (the channel's worker clears nothing else). Only a row that was given up
 * is touched: a pending or delivered row is left alone (`not-failed`).
 */
export async function redeliverOutbox(db: Db, id: string): Promise<'requeued' | 'not-failed' | 'not-found'> {
  const r = await db.query<{ id: string }>(
    `UPDATE outbox SET failed_at = NULL, attempts = 0, run_at = now(), locked_at = NULL, locked_by = NULL
      WHERE id = $1::bigint AND failed_at IS NOT NULL RETURNING id::text AS id`,
    [id],
  );
  if (r.rows.length > 0) return 'requeued';
  const e = await db.query<{ id: string }>('SELECT id::text AS id FROM outbox WHERE id = $1::bigint', [id]);
  return e.rows.length > 0 ? 'not-failed' : 'not-found';
}
