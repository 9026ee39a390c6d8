import type { Db } from '../db.js';

/**
 * Completes delivered outbox rows and records the new status on their berichten, in one transaction
 * for the whole batch (three statements, whatever the batch size).
 */
export async function completeDelivered(
  db: Db,
  worker: string,
  done: readonly { outboxId: string; berichtId: string; detail: unknown }[],
  status: string,
): Promise<void> {
  if (!done.length) return;
  await db.transaction(async (tx) => {
    await tx.query(
      'UPDATE outbox SET done_at = now(), locked_at = NULL, locked_by = NULL WHERE id = ANY($1::bigint[]) AND locked_by = $2',
      [done.map((d) => d.outboxId), worker],
    );
    await tx.query('UPDATE journal SET status = $2 WHERE id = ANY($1::text[])', [done.map((d) => d.berichtId), status]);
    await tx.query(
      'INSERT INTO journal_status (bericht_id, status, detail) SELECT b, $2, d FROM unnest($1::text[], $3::jsonb[]) AS x(b, d)',
      [done.map((d) => d.berichtId), status, done.map((d) => JSON.stringify(d.detail))],
    );
  });
}
