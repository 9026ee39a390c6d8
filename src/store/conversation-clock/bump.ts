import type { Db } from '../db.js';

/** Moves these order keys one version on (inside the journal write's transaction, under their advisory locks). */
export async function bumpConversationClock(tx: Db, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.query(
    `INSERT INTO conversation_clock AS c (key, version) SELECT k, 1 FROM unnest($1::bigint[]) AS k
       ON CONFLICT (key) DO UPDATE SET version = c.version + 1`,
    [keys],
  );
}
