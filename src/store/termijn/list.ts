import type { Db } from '../db.js';
import { TERMIJN_COLUMNS, type TermijnRow } from './types.js';

export interface TermijnFilter {
  /** Only termijnen this party is gemeente or aanbieder of (absent: all, for operators). */
  readonly party?: string;
  /** A second party code to narrow by (the `partij` query parameter). */
  readonly partij?: string;
  readonly status?: string;
  /** The opener's message number (3 digits). */
  readonly bericht?: string;
  /** Continue after this seq (newest first: seq below it). */
  readonly before?: string;
  readonly limit: number;
}

/** Termijnen, newest first. */
export async function listTermijnen(db: Db, f: TermijnFilter): Promise<TermijnRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.party !== undefined) {
    const x = p(f.party);
    where.push(`(gemeente = ${x} OR aanbieder = ${x})`);
  }
  if (f.partij !== undefined) {
    const x = p(f.partij);
    where.push(`(gemeente = ${x} OR aanbieder = ${x})`);
  }
  if (f.status !== undefined) where.push(`status = ${p(f.status)}`);
  if (f.bericht !== undefined) where.push(`bericht = ${p(f.bericht)}`);
  if (f.before !== undefined) where.push(`seq < ${p(f.before)}::bigint`);
  const r = await db.query<TermijnRow>(
    `SELECT ${TERMIJN_COLUMNS} FROM termijn ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${p(f.limit)}`,
    params,
  );
  return r.rows;
}
