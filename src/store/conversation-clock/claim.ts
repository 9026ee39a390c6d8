import type { Db } from '../db.js';

/** An advisory-lock id as lockId makes it: int8 as decimal text. Checked before it is written into the text. */
const LOCK_ID = /^-?[0-9]{1,19}$/;

/**
 * The group commit's claim on a batch's order keys, in ONE round trip inside its transaction (a
 * simple-protocol text of two statements; each takes its own snapshot, so the second sees every
 * commit the first waited for):
 * 1. the transaction-scoped advisory locks, in id order (the sorted subquery with OFFSET 0 is a fence:
 *    the lock functions run on its rows in that order), so two transactions never wait crosswise;
 * 2. the exclusive keys moved one version on, and the version of every key asked for (`locks` and
 *    `watched`) as it stood before this transaction. A key never journaled for is absent (version 0).
 * PostgreSQL only (PGlite takes one statement per call and needs no arbitration: one process).
 */
export async function claimConversationKeys(
  tx: Db,
  locks: readonly { readonly id: string; readonly exclusive: boolean }[],
  watched: readonly string[],
): Promise<Map<string, string>> {
  if (locks.length === 0 && watched.length === 0) return new Map();
  for (const id of [...locks.map((l) => l.id), ...watched]) if (!LOCK_ID.test(id)) throw new Error(`not a lock id: ${id}`);
  const exclusive = locks.filter((l) => l.exclusive).map((l) => l.id);
  const moved = new Set(exclusive);
  const others = [...new Set([...locks.map((l) => l.id), ...watched])].filter((id) => !moved.has(id));
  const parts: string[] = [];
  if (locks.length > 0)
    parts.push(`SELECT count(*) FROM (
       SELECT k, x FROM (VALUES ${locks.map((l) => `(${l.id}::bigint, ${l.exclusive})`).join(', ')}) AS t(k, x) ORDER BY k OFFSET 0
     ) s WHERE (CASE WHEN x THEN pg_advisory_xact_lock(k)::text ELSE pg_advisory_xact_lock_shared(k)::text END) IS NOT NULL`);
  const reads: string[] = [];
  const bump =
    exclusive.length > 0
      ? `WITH b AS (INSERT INTO conversation_clock AS c (key, version) VALUES ${exclusive.map((id) => `(${id}::bigint, 1)`).join(', ')}
           ON CONFLICT (key) DO UPDATE SET version = c.version + 1 RETURNING c.key, c.version - 1 AS before) `
      : '';
  if (exclusive.length > 0) reads.push('SELECT key::text AS key, before::text AS version FROM b');
  if (others.length > 0)
    reads.push(
      `SELECT key::text AS key, version::text AS version FROM conversation_clock WHERE key IN (${others.map((id) => `${id}::bigint`).join(', ')})`,
    );
  parts.push(`${bump}${reads.join(' UNION ALL ')}`);
  const r = await tx.query<{ key: string; version: string }>(parts.join(';\n'));
  return new Map(r.rows.map((row) => [row.key, row.version]));
}
