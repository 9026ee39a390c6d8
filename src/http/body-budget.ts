/**
 * The memory budget for request bodies in flight. Bodies are read whole (the journal keeps the raw
 * bytes), so without a bound many concurrent large uploads — or many half-sent ones — hold their bytes
 * at once: 100 half-sent 24 MB uploads took the process to 2.5 GB. Every body reserves its bytes here
 * (its declared Content-Length up front, then as it grows) and gives them back when its request ends;
 * a body that does not fit is refused with 503 + Retry-After and nothing already reserved is touched.
 */

export interface BodyLimits {
  /** Bytes all bodies in flight may hold together. */
  readonly budgetBytes: number;
  /** A body read that receives nothing for this long ends with 408. */
  readonly idleMs: number;
  /** A body must be complete within this long from the first read. */
  readonly deadlineMs: number;
}

/** 256 MiB: ten 25 MB declaraties at once, or thousands of ordinary berichten. */
export const DEFAULT_BODY_BUDGET_BYTES = 256 * 1024 * 1024;
/** No byte for 15 s: a client that stalls mid-body. */
export const DEFAULT_BODY_IDLE_SECONDS = 15;
/** 120 s for the whole body: a 25 MB declaratie at ~1.7 Mbit/s. */
export const DEFAULT_BODY_DEADLINE_SECONDS = 120;
/** What a 503 for a full budget asks the client to wait (seconds). */
export const BODY_RETRY_AFTER_SECONDS = 2;

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  budgetBytes: DEFAULT_BODY_BUDGET_BYTES,
  idleMs: DEFAULT_BODY_IDLE_SECONDS * 1000,
  deadlineMs: DEFAULT_BODY_DEADLINE_SECONDS * 1000,
};

/** Bytes reserved by bodies in flight, never more than `limit`. */
export class BodyBudget {
  private used = 0;
  private peak = 0;
  constructor(readonly limit: number) {}

  /** Bytes reserved now. */
  get inFlight(): number {
    return this.used;
  }

  /** The most ever reserved at once (tests, and the gauge). */
  get highWater(): number {
    return this.peak;
  }

  /** Reserves `n` bytes if they fit; false (and nothing reserved) if not. */
  tryReserve(n: number): boolean {
    if (n <= 0) return true;
    if (this.used + n > this.limit) return false;
    this.used += n;
    if (this.used > this.peak) this.peak = this.used;
    return true;
  }

  release(n: number): void {
    if (n <= 0) return;
    this.used -= n;
    // A release never exceeds what was reserved; guard anyway so an accounting slip cannot lock the gateway.
    if (this.used < 0) this.used = 0;
  }
}
