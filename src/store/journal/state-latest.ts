import type { Db } from '../db.js';
import { beforeSql, probeSql, type Position, type SummaryRow } from './state-probe.js';

/** The latest sent bericht whose decision summary matches (state-probe.ts probeSql), before `before` when given. */
export async function latestBySummary<D = unknown, S = unknown>(
  db: Db,
  probes: readonly object[],
  full: readonly object[],
  before?: Position,
): Promise<SummaryRow<D, S> | undefined> {
  const params: unknown[] = [];
  const sql = probeSql(probes, full, beforeSql(before, params), params);
  return (await db.query<SummaryRow<D, S>>(`${sql} ORDER BY received_at DESC, id DESC LIMIT 1`, params)).rows[0];
}
