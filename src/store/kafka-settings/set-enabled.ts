import type { Db } from '../db.js';

/** Turns the journal/postbus/outbox triggers' Kafka enqueueing on (at start when KAFKA_BROKERS is set) or off. */
export async function setKafkaEnabled(db: Db, enabled: boolean): Promise<void> {
  await db.query(
    `INSERT INTO kafka_settings (id, enabled) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET enabled = $1, updated_at = now()`,
    [enabled],
  );
}
