import type { Db } from '../db.js';
import { afterSql, beforeSql, probeSql, type Position } from './state-probe.js';

/** Whether a sent bericht whose decision summary matches came in after `after` (and before `before` when given). */
export async function existsSummaryAfter(
  db: Db,
  probes: readonly object[],
  full: readonly object[],
  after: Position,
  before?: Position,
): Promise<boolean> {
  const params: unknown[] = [];
  const sql = probeSql(probes, full, [], params);
  const a = afterSql(after, params);
  const r = await db.query<{ id: string }>(
    `${sql} AND ${a}${beforeSql(before, params)
      .map((e) => ` AND ${e}`)
      .join('')} LIMIT 1`,
    params,
  );
  return r.rows.length > 0;
}
