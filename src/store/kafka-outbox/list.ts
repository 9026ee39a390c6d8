import type { Db } from '../db.js';
import type { KafkaOutboxRow } from './types.js';

/**
 * Pending rows of channel 'kafka' in id order (the journal order the publisher keeps per partition),
 * with their journal columns; the raw bericht only for the inbound log. No lock: one publisher holds
 * the lease (kafka-lease/take.ts).
 */
export async function listKafkaOutbox(db: Db, limit: number): Promise<KafkaOutboxRow[]> {
  const { rows } = await db.query<KafkaOutboxRow>(
    `SELECT o.id::text AS id, o.bericht_id, o.destination, o.payload, j.standard, j.bericht, j.bericht_code,
              j.afzender, j.ontvanger, j.sender, j.identificatie, j.status, j.received_at,
              CASE WHEN o.destination = 'inbound' THEN j.raw END AS raw
         FROM outbox o JOIN journal j ON j.id = o.bericht_id
        WHERE o.channel = 'kafka' AND o.destination IN ('inbound', 'events') AND o.done_at IS NULL AND o.failed_at IS NULL AND o.run_at <= now()
        ORDER BY o.id LIMIT $1`,
    [limit],
  );
  return rows;
}
