/**
 * Deliveries as an operator sees them: the webhook and Kafka outbox rows that were given up, with
 * their last error, and putting one back in the queue. One service over the store's verbs, so the
 * API and the console never touch the store.
 */
import type { Db } from '../store/db.js';
import { listFailedDeliveries, type FailedDeliveryRow } from '../store/outbox/list-failed.js';
import { redeliverOutbox } from '../store/outbox/redeliver.js';

export type { FailedDeliveryRow };

export interface DeliveriesService {
  /** Failed deliveries, newest first; `before` is the last id of the previous page. */
  failed(o: { readonly channel?: string; readonly before?: string; readonly limit: number }): Promise<FailedDeliveryRow[]>;
  /** Back in the queue, due now: `requeued`; a row that had not failed, or no such row, is said so. */
  redeliver(id: string): Promise<'requeued' | 'not-failed' | 'not-found'>;
}

/** An outbox id as the API takes it: a positive whole number. */
export const DELIVERY_ID = /^[1-9][0-9]{0,17}$/;

export function deliveriesService(db: Db): DeliveriesService {
  return {
    failed: (o) => listFailedDeliveries(db, o),
    redeliver: (id) => redeliverOutbox(db, id),
  };
}

/** A failed delivery as the API and the console show it. */
export function deliveryView(r: FailedDeliveryRow): Record<string, unknown> {
  return {
    id: r.id,
    berichtId: r.bericht_id,
    bericht: r.bericht,
    channel: r.channel,
    destination: r.destination,
    deliveryKey: r.delivery_key,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    failedAt: new Date(r.failed_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
    links: { bericht: `/api/v1/berichten/${r.bericht_id}`, redeliver: `/api/v1/deliveries/${r.id}/redeliver` },
  };
}
