import type { Db } from '../db.js';
import { STORED_COLUMNS } from './columns.js';
import type { BerichtFilter, StoredBericht } from './types.js';

/**
 * Search the journal in arrival order, oldest or newest first. No extra indexes: filters ride on the
 * primary-key order (operator use, not a hot path). The decision filters ask the `decision` column
 * (a rule among its reasons, a contract among its contractIds).
 */
export async function listBerichten(db: Db, f: BerichtFilter): Promise<StoredBericht[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.party !== undefined) {
    const x = p(f.party);
    where.push(`(sender = ${x} OR addressee = ${x} OR submitted_by = ${x})`);
  }
  if (f.partij !== undefined) {
    const x = p(f.partij);
    where.push(`(sender = ${x} OR addressee = ${x} OR submitted_by = ${x} OR afzender = ${x} OR ontvanger = ${x})`);
  }
  if (f.status !== undefined) where.push(`status = ${p(f.status)}`);
  if (f.bericht !== undefined) where.push(`bericht = ${p(f.bericht)}`);
  if (f.identificatie !== undefined) where.push(`identificatie = ${p(f.identificatie)}`);
  if (f.afzender !== undefined) where.push(`afzender = ${p(f.afzender)}`);
  if (f.ontvanger !== undefined) where.push(`ontvanger = ${p(f.ontvanger)}`);
  if (f.rule !== undefined) where.push(`decision -> 'reasons' @> ${p(JSON.stringify([{ rule: f.rule }]))}::jsonb`);
  if (f.contract !== undefined) where.push(`decision -> 'contractIds' @> ${p(JSON.stringify([f.contract]))}::jsonb`);
  if (f.from !== undefined) where.push(`received_at >= ${p(f.from)}::timestamptz`);
  if (f.to !== undefined) where.push(`received_at < ${p(f.to)}::timestamptz`);
  const newest = f.order === 'newest';
  if (f.after !== undefined) where.push(`id ${newest ? '<' : '>'} ${p(f.after)}`);
  const sql = `SELECT ${STORED_COLUMNS} FROM journal ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id${newest ? ' DESC' : ''} LIMIT ${p(f.limit)}::int`;
  return (await db.query<StoredBericht>(sql, params)).rows;
}
