import type { Db } from '../db.js';

export interface OutboxBacklog {
  readonly channel: string;
  /** Rows neither done nor given up. */
  readonly pending: number;
  /** Age of the oldest pending row in seconds (0 when none). */
  readonly oldestSeconds: number;
  /** Rows given up (failed_at set). */
  readonly failed: number;
}

/** Rows not done per channel, with the age of the oldest pending one (the Kafka backlog gauge). */
export async function outboxBacklogAge(db: Db): Promise<OutboxBacklog[]> {
  const { rows } = await db.query<{ channel: string; pending: string; failed: string; oldest: number | string | null }>(
    `SELECT channel,
            count(*) FILTER (WHERE done_at IS NULL AND failed_at IS NULL) AS pending,
            count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed,
            EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE done_at IS NULL AND failed_at IS NULL)) AS oldest
       FROM outbox WHERE done_at IS NULL GROUP BY channel ORDER BY channel`,
  );
  return rows.map((r) => ({
    channel: r.channel,
    pending: Number(r.pending),
    failed: Number(r.failed),
    oldestSeconds: r.oldest === null ? 0 : Number(r.oldest),
  }));
}
