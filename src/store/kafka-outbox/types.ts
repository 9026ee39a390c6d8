import type { StoredBericht } from '../journal/types.js';

/** A Kafka outbox row (`id` is the outbox id) with the journal columns its message is made of. */
export type KafkaOutboxRow = Pick<
  StoredBericht,
  'standard' | 'bericht' | 'bericht_code' | 'afzender' | 'ontvanger' | 'sender' | 'identificatie' | 'status' | 'received_at'
> & {
  id: string;
  bericht_id: string;
  destination: string;
  payload: Record<string, unknown>;
  raw: Uint8Array | null;
};
