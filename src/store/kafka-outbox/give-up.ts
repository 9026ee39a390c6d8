import type { Db } from '../db.js';

/** Gives one row up for good (the broker refused it permanently), keeping the reason. */
export async function giveUpKafkaOutbox(db: Db, id: string, error: string): Promise<void> {
  await db.query('UPDATE outbox SET failed_at = now(), attempts = attempts + 1, last_error = $2 WHERE id = $1::bigint', [id, error]);
}
