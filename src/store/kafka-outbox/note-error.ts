import type { Db } from '../db.js';

/** Counts a failed attempt on these rows and keeps the error; they stay pending. */
export async function noteKafkaOutboxError(db: Db, ids: readonly string[], error: string): Promise<void> {
  await db.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])', [ids, error]);
}
