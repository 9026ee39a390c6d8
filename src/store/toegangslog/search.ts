import type { Db } from '../db.js';
import type { ToegangslogRow } from './types.js';

export interface ToegangslogFilter {
  readonly berichtId?: string;
  readonly actor?: string;
  readonly route?: string;
  readonly lezing?: string;
  readonly from?: string;
  readonly to?: string;
  /** Continue below this seq (newest first). */
  readonly before?: string;
  readonly limit: number;
}

/** Access log entries, newest first. */
export async function searchToegangslog(db: Db, f: ToegangslogFilter): Promise<ToegangslogRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.berichtId !== undefined) where.push(`bericht_id = ${p(f.berichtId)}`);
  if (f.actor !== undefined) where.push(`actor = ${p(f.actor)}`);
  if (f.route !== undefined) where.push(`route = ${p(f.route)}`);
  if (f.lezing !== undefined) where.push(`lezing = ${p(f.lezing)}`);
  if (f.from !== undefined) where.push(`gelezen_op >= ${p(f.from)}`);
  if (f.to !== undefined) where.push(`gelezen_op < ${p(f.to)}`);
  if (f.before !== undefined) where.push(`seq < ${p(f.before)}::bigint`);
  const r = await db.query<ToegangslogRow>(
    `SELECT seq::text AS seq, gelezen_op, actor_soort, actor, sleutel, route, lezing, bericht_id FROM toegangslog
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${p(f.limit)}`,
    params,
  );
  return r.rows;
}
