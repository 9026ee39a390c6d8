import type { Db } from '../db.js';

/** Rows per channel: pending (neither done nor given up) and failed (given up), for /metrics. */
export async function outboxBacklog(db: Db): Promise<{ channel: string; pending: number; failed: number }[]> {
  const r = await db.query<{ channel: string; pending: string; failed: string }>(
    `SELECT channel, count(*) FILTER (WHERE done_at IS NULL AND failed_at IS NULL) AS pending,
            count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed
       FROM outbox GROUP BY channel ORDER BY channel`,
  );
  return r.rows.map((x) => ({ channel: x.channel, pending: Number(x.pending), failed: Number(x.failed) }));
}
