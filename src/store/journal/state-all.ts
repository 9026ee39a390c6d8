import type { Db } from '../db.js';
import { beforeSql, probeSql, type Position, type SummaryIndex, type SummaryRow } from './state-probe.js';

/** Every sent bericht whose decision summary matches (state-probe.ts probeSql), oldest first, before `before` when given. */
export async function allBySummary<D = unknown, S = unknown>(
  db: Db,
  probes: readonly object[],
  full: readonly object[],
  index: SummaryIndex,
  before?: Position,
): Promise<SummaryRow<D, S>[]> {
  const params: unknown[] = [];
  const sql = probeSql(probes, full, beforeSql(before, params), params, index);
  return (await db.query<SummaryRow<D, S>>(`${sql} ORDER BY received_at, id`, params)).rows;
}
