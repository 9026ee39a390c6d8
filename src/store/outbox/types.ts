/** The outbox rows as the store reads them, and the retry policy its fail verb applies. */

export interface OutboxRow {
  id: string;
  bericht_id: string;
  channel: string;
  destination: string;
  delivery_key: string;
  payload: unknown;
  attempts: number;
  last_error: string | null;
}

export interface ClaimOptions {
  readonly channel: string;
  readonly limit: number;
  readonly worker: string;
  /** A lock older than this is considered abandoned (its worker died) and may be claimed again. */
  readonly lockTimeoutSeconds: number;
}

export interface BackoffPolicy {
  /** First retry after about this many seconds. */
  readonly baseSeconds: number;
  /** No wait longer than this. */
  readonly capSeconds: number;
  /** After this many attempts the row is marked failed (kept, with its last error, for an operator). */
  readonly maxAttempts: number;
}
