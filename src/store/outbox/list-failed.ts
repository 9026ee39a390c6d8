import type { Db } from '../db.js';

/** A delivery given up (failed_at set) with its last error, for an operator to see and redeliver. */
export interface FailedDeliveryRow {
  id: string;
  bericht_id: string;
  channel: string;
  destination: string;
  delivery_key: string;
  attempts: number;
  last_error: string | null;
  failed_at: Date | string;
  created_at: Date | string;
  bericht: string;
}

/** Failed deliveries, newest first, optionally of one channel; `before` continues a page (outbox id). */
export async function listFailedDeliveries(
  db: Db,
  o: { readonly channel?: string; readonly before?: string; readonly limit: number },
): Promise<FailedDeliveryRow[]> {
  const where = ['o.failed_at IS NOT NULL'];
  const params: unknown[] = [];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (o.channel !== undefined) where.push(`o.channel = ${p(o.channel)}`);
  if (o.before !== undefined) where.push(`o.id < ${p(o.before)}::bigint`);
  const r = await db.query<FailedDeliveryRow>(
    `SELECT o.id::text AS id, o.bericht_id, o.channel, o.destination, o.delivery_key, o.attempts, o.last_error, o.failed_at, o.created_at, j.bericht
       FROM outbox o JOIN journal j ON j.id = o.bericht_id
      WHERE ${where.join(' AND ')} ORDER BY o.id DESC LIMIT ${p(o.limit)}::int`,
    params,
  );
  return r.rows;
}
