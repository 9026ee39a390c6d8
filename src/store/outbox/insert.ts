import type { Db } from '../db.js';
import type { OutboxWrite } from '../journal/types.js';

/**
 * Queues deliveries after their journal row was written (a replay's re-delivery; ingest writes its
 * rows with the journal row, journal/insert.ts). A delivery key already there stays: running a
 * replay twice queues nothing twice.
 */
export async function insertOutbox(db: Db, rows: readonly (OutboxWrite & { readonly berichtId: string })[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload)
         SELECT b, c, d, k, p FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) AS v(b, c, d, k, p)
         ON CONFLICT (delivery_key) DO NOTHING`,
    [
      rows.map((x) => x.berichtId),
      rows.map((x) => x.channel),
      rows.map((x) => x.destination),
      rows.map((x) => x.deliveryKey),
      rows.map((x) => JSON.stringify(x.payload)),
    ],
  );
}
