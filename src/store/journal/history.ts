import type { Db } from '../db.js';
import type { StatusRow } from './types.js';

/** The full status history: the statuses stored with the journal row, then later changes. */
export async function getHistory(db: Db, id: string): Promise<StatusRow[]> {
  const first = await db.query<{ history: StatusRow[] }>('SELECT history FROM journal WHERE id = $1', [id]);
  const later = await db.query<StatusRow>('SELECT status, at, detail FROM journal_status WHERE bericht_id = $1 ORDER BY id', [id]);
  return [...(first.rows[0]?.history ?? []).map((h) => ({ status: h.status, at: h.at, detail: h.detail ?? null })), ...later.rows];
}
