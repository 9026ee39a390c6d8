import type { Db } from './db.js';

/** One round trip: resolves when the store answers (readiness), rejects when it does not. */
export async function pingStore(db: Db): Promise<void> {
  await db.query('SELECT 1');
}
