import type { Db } from '../db.js';
import type { ClaimOptions, OutboxRow } from './types.js';

/** Claims due rows; `FOR UPDATE SKIP LOCKED` lets several workers/instances share the outbox. */
export async function claimOutbox(db: Db, o: ClaimOptions): Promise<OutboxRow[]> {
  const r = await db.query<OutboxRow>(
    `WITH c AS (
       SELECT id FROM outbox
        WHERE channel = $1 AND done_at IS NULL AND failed_at IS NULL AND run_at <= now()
          AND (locked_at IS NULL OR locked_at < now() - make_interval(secs => $3::int))
        ORDER BY run_at, id LIMIT $2::int FOR UPDATE SKIP LOCKED)
     UPDATE outbox o SET locked_at = now(), locked_by = $4, attempts = o.attempts + 1
       FROM c WHERE o.id = c.id
     RETURNING o.id::text AS id, o.bericht_id, o.channel, o.destination, o.delivery_key, o.payload, o.attempts, o.last_error`,
    [o.channel, o.limit, o.lockTimeoutSeconds, o.worker],
  );
  return r.rows;
}
