import type { Db } from '../db.js';

/**
 * Takes transaction-scoped advisory locks on these order keys (ids as decimal text, `exclusive` per id),
 * in id order so that two transactions never wait for each other crosswise. The sorted subquery with
 * OFFSET 0 is a fence: the lock functions run on its rows in that order. Released at COMMIT/ROLLBACK.
 */
export async function lockConversationKeys(tx: Db, keys: readonly string[], exclusive: readonly boolean[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.query(
    `SELECT count(*) FROM (
       SELECT k, x FROM unnest($1::bigint[], $2::boolean[]) AS t(k, x) ORDER BY k OFFSET 0
     ) s WHERE (CASE WHEN x THEN pg_advisory_xact_lock(k)::text ELSE pg_advisory_xact_lock_shared(k)::text END) IS NOT NULL`,
    [keys, exclusive],
  );
}
