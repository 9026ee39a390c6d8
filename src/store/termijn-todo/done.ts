import type { Db } from '../db.js';

/** The tracker has written these rows' termijnen. */
export async function doneTermijnTodo(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`DELETE FROM termijn_todo WHERE journal_id = ANY ($1::text[])`, [ids]);
}
