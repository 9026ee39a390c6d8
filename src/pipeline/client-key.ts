import { createHmac } from 'node:crypto';
import type { ClientKeyFn } from '../conversation/facts.js';

/**
 * The keyed hash of a BSN: HMAC-SHA256 with the parties config's clientKeySecret, 128 bits in hex —
 * the same key as the journal summary's `clientKeys` (ingest.ts), so an operator can correlate.
 */
export function clientKeyFn(secret: string): ClientKeyFn {
  return (bsn) => createHmac('sha256', secret).update(bsn).digest('hex').slice(0, 32);
}
