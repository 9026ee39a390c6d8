import type { Db } from '../db.js';

/**
 * The journaled decisions of these berichten, as journaled now (a replay report's `was`). A bericht
 * whose decision another run changed since its page was read shows that newer decision.
 */
export async function journaledDecisions<D = unknown>(db: Db, ids: readonly string[]): Promise<Map<string, D | null>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; decision: D | null }>('SELECT id, decision FROM journal WHERE id = ANY($1::text[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.decision]));
}
