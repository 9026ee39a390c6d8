import type { Db } from '../db.js';

/**
 * Marks published rows done, only while `holder` still holds lease `lease` at `epoch` (fencing: a
 * holder that lost the lease mid-round changes nothing; the new holder republishes).
 */
export async function completeKafkaOutbox(
  db: Db,
  ids: readonly string[],
  fence: { readonly holder: string; readonly lease: string; readonly epoch: number },
): Promise<void> {
  await db.query(
    `UPDATE outbox SET done_at = now(), attempts = attempts + 1, locked_at = now(), locked_by = $2, last_error = NULL
          WHERE id = ANY($1::bigint[])
            AND EXISTS (SELECT 1 FROM kafka_publisher_lease WHERE name = $3 AND holder = $2 AND epoch = $4)`,
    [ids, fence.holder, fence.lease, fence.epoch],
  );
}
