import type { Db } from '../db.js';
import { beforeSql, type Position } from './state-probe.js';

export interface HeenberichtRow<D = unknown, S = unknown> {
  /** Only when there is no summary to answer from (a 7.6 KB JW301 is read from TOAST). */
  raw: Uint8Array | null;
  decision: D | null;
  decision_summary: S | null;
  status: string;
}

/** The bericht holding an idempotency key, as the decision state reads it, before `before` when given. */
export async function findHeenbericht<D = unknown, S = unknown>(
  db: Db,
  idemKey: string,
  before?: Position,
): Promise<HeenberichtRow<D, S> | undefined> {
  const params: unknown[] = [idemKey];
  const r = await db.query<HeenberichtRow<D, S>>(
    `SELECT CASE WHEN decision_summary IS NULL THEN raw END AS raw, decision, decision_summary, status
           FROM journal WHERE idem_key = $1${beforeSql(before, params)
             .map((e) => ` AND ${e}`)
             .join('')}`,
    params,
  );
  return r.rows[0];
}
