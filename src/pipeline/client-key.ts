import { createHmac } from 'node:crypto';
import type { ClientKeyFn } from '../conversation/facts.js';

/**
 * The keyed hash of a BSN: HMAC-SHA256 with the parties config's clientKeySecret, 128 bits in hex —
 * used for the journal summary's `clientKeys` (ingest.ts) and the conversation facts alike.
 */
export function clientKeyFn(secret: string): ClientKeyFn {
  return (bsn) => createHmac('sha256', secret).update(bsn).digest('hex').slice(0, 32);
}
