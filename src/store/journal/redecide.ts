import type { Db } from '../db.js';

/** A replay's new decision for one bericht, applied only if the row is still at `rev`. */
export interface RedecideRow {
  readonly id: string;
  readonly decision: unknown;
  /** The summary to store in decision_summary; null keeps the one there. */
  readonly summary: unknown;
  readonly addressee: string | null;
  readonly status: string;
  readonly rev: number;
}

/**
 * Rewrites decisions in one statement, compare-and-set on journal.decision_rev: a concurrent replay
 * (or another instance) that already changed a bericht wins. Answers the ids it changed. The rows
 * travel as ONE jsonb array (jsonb_to_recordset): node-postgres turns a JS array parameter into an
 * array literal by escaping every element, which measured ~30 µs per 2 KB decision on the caller's thread.
 */
export async function redecide(db: Db, rows: readonly RedecideRow[]): Promise<Set<string>> {
  const upd = await db.query<{ id: string }>(
    `UPDATE journal j SET decision = v.decision, decision_summary = COALESCE(v.summary, j.decision_summary),
            addressee = v.addressee, status = v.status, decision_rev = j.decision_rev + 1
       FROM jsonb_to_recordset($1::jsonb) AS v(id text, decision jsonb, summary jsonb, addressee text, status text, rev integer)
      WHERE j.id = v.id AND j.decision_rev = v.rev
      RETURNING j.id`,
    [JSON.stringify(rows)],
  );
  return new Set(upd.rows.map((r) => r.id));
}
