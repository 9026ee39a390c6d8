import type { Db } from '../db.js';

export async function countJournal(db: Db): Promise<number> {
  const r = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM journal');
  return Number(r.rows[0]?.n ?? 0);
}
