import type { Db } from '../db.js';

/** The versions of these order keys (advisory-lock ids as decimal text); a key never journaled for is absent (version 0). */
export async function readConversationClock(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const r = await db.query<{ key: string; version: string }>(
    'SELECT key::text AS key, version::text AS version FROM conversation_clock WHERE key = ANY($1::bigint[])',
    [keys],
  );
  return new Map(r.rows.map((row) => [row.key, row.version]));
}
