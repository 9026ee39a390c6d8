/**
 * Kafka-related store access: the switch that makes the triggers enqueue Kafka rows, and the outbox
 * backlog gauge.
 */
import type { Db } from '../store/db.js';

/** Turns the journal/postbus/outbox triggers' Kafka enqueueing on (at start when KAFKA_BROKERS is set) or off. */
export async function setKafkaEnabled(db: Db, enabled: boolean): Promise<void> {
  await db.query(
    `INSERT INTO kafka_settings (id, enabled) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET enabled = $1, updated_at = now()`,
    [enabled],
  );
}

export interface OutboxBacklog {
  readonly channel: string;
  /** Rows neither done nor given up. */
  readonly pending: number;
  /** Age of the oldest pending row in seconds (0 when none). */
  readonly oldestSeconds: number;
  /** Rows given up (failed_at set). */
  readonly failed: number;
}

export async function outboxBacklog(db: Db): Promise<OutboxBacklog[]> {
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
