import type { Db } from '../db.js';

export interface StatusWrite {
  readonly berichtId: string;
  readonly status: string;
  readonly detail: unknown;
}

/**
 * Appends status history rows in one statement. The rows travel as ONE jsonb array
 * (jsonb_to_recordset): node-postgres turns a JS array parameter into an array literal by escaping
 * every element, which measured ~30 µs per 2 KB element on the caller's thread.
 */
export async function insertStatuses(db: Db, rows: readonly StatusWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO journal_status (bericht_id, status, detail) SELECT v.b, v.s, v.d FROM jsonb_to_recordset($1::jsonb) AS v(b text, s text, d jsonb)`,
    [JSON.stringify(rows.map((r) => ({ b: r.berichtId, s: r.status, d: r.detail })))],
  );
}
