import type { Db } from '../db.js';

export interface TermijnTodoRow {
  journal_id: string;
  received_at: Date | string;
  /** The day of receipt by the gateway's clock (the journal summary's `ontvangen`), when journaled. */
  ontvangen: string | null;
  status: string;
  action: string | null;
  decision_summary: unknown;
  /** Taken in by `sluis import` (journal.imported_at): history, which opens and closes no termijn. */
  imported: boolean;
}

/**
 * The next journal rows for the termijn tracker, oldest first (an answer after what it answers),
 * locked until the caller's transaction ends: a second instance waits and then finds them gone (no
 * SKIP LOCKED: it would take newer rows whose heenberichten the first has not written yet). Ordered by
 * the todo row's own copy of received_at (migration 0191), so the read does not walk the journal.
 */
export async function takeTermijnTodo(db: Db, limit: number): Promise<TermijnTodoRow[]> {
  const r = await db.query<TermijnTodoRow>(
    `SELECT t.journal_id, j.received_at, j.summary ->> 'ontvangen' AS ontvangen, j.status, j.decision ->> 'action' AS action, j.decision_summary,
            j.imported_at IS NOT NULL AS imported
       FROM termijn_todo t JOIN journal j ON j.id = t.journal_id
      ORDER BY t.received_at, t.journal_id LIMIT $1 FOR UPDATE OF t`,
    [limit],
  );
  return r.rows;
}
