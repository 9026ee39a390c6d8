import type { Db } from '../db.js';
import { filterSql, type ReplayFilter } from './replay-filter.js';

/** How many berichten received in [from, to) the filter selects (a replay's progress bar). */
export async function countReplaySelection(db: Db, from: string, to: string, filter: ReplayFilter): Promise<number> {
  const params: unknown[] = [from, to];
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM journal WHERE received_at >= $1 AND received_at < $2 AND ${filterSql(filter, params)}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}
