/**
 * Validation off the main thread. Parsing + L1 + L2 is the largest single cost of taking a bericht in
 * (measured over HTTP: ~0.45 ms of the main thread's ~1.15 ms per 7.6 KB JW301; a 25 MB 323 takes
 * ~0.55 s), and on the main thread it also stalls every other request's HTTP parsing and commits.
 * A few worker threads run validateBericht (src/pipeline/validate-worker.ts); the main thread keeps
 * HTTP, decisions and the store. The result crosses back by structured clone (~30 µs for a 301).
 *
 * A thread that dies (a validator bug that escapes its try, a native crash) fails only the berichten
 * it held — as internal errors, never as the client's fault — and is replaced.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { MESSAGES } from '../standard/generated/model.js';
import type { BerichtId } from '../standard/model.js';
import type { IngestValidateFn, ValidateFn, ValidateResult } from './types.js';

export interface PoolRequest {
  readonly id: number;
  readonly raw: Uint8Array;
  readonly today: string;
}

/** A ValidateResult as it crosses back: the MessageDef by its id (the thread has its own copy). */
export type PoolReply =
  | (Omit<ValidateResult, 'message'> & { readonly id: number; readonly messageId?: BerichtId })
  | { readonly id: number; readonly failure: string };

/** What crosses to a thread: the berichten queued during one event-loop turn. */
export interface PoolBatch {
  readonly requests: readonly PoolRequest[];
}
/** The replies as JSON text of `PoolReply[]` (cheaper than a structured clone of the trees). */
export interface PoolBatchReply {
  readonly replies: string;
}

export class ValidationThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationThreadError';
  }
}

export interface ValidatePool {
  validate(raw: Uint8Array, opts: { today: string }): Promise<ValidateResult>;
  readonly threads: number;
  /** Waits for nothing: berichten still held are failed. Call after the server stopped taking requests. */
  close(): Promise<void>;
}

/**
 * Threads for a machine: one core is left for the main thread (HTTP, store client), at most 4 —
 * beyond that the main thread is the limit again (it spends ~0.7 ms per bericht on the rest).
 */
export function defaultValidateThreads(cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (r: ValidateResult) => void; reject: (e: Error) => void }>;
  /** Requests of this event-loop turn, posted together by `flush`. */
  queued: PoolRequest[];
  transfer: ArrayBuffer[];
  ready: Promise<void>;
}

/** The thread's script: validate-worker beside this module (.ts when run from source, .js when built). */
function defaultEntry(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './validate-worker.ts' : './validate-worker.js', import.meta.url);
}

function spawn(entry: URL): Worker {
  if (entry.pathname.endsWith('.ts')) {
    // From source under tsx (tests): a worker does not inherit the tsx loader, so register it first.
    const tsx = import.meta.resolve('tsx/esm/api');
    return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`, {
      eval: true,
    });
  }
  return new Worker(entry);
}

/**
 * Bodies up to this size are validated on the main thread by default when the pool has one thread
 * (a 2-core machine), larger ones in the pool. On such a machine the hand-off costs more than it
 * moves (a copy, the tree back as JSON, a wake-up per message, a second heap to collect): over HTTP
 * on PostgreSQL (2-core VM, 32 clients, 7.6 KB JW301) the gateway used 358–372 µs CPU per bericht
 * with one validation thread and 284–330 µs validating on the main thread, at the same or a slightly
 * higher rate. A 64 KiB bericht should take ~1–1.5 ms (scaled from ~97 µs per JW301 and ~0.5 s per
 * 25 MB), so the event loop never stalls much longer; a 25 MB declaratie still goes to the pool.
 * With two or more threads the pool validates in parallel with the main thread and takes everything.
 */
export const INLINE_BYTES_ONE_THREAD = 64 * 1024;

export function defaultInlineBytes(threads: number): number {
  return threads <= 1 ? INLINE_BYTES_ONE_THREAD : 0;
}

/**
 * The pipeline's validate step over a pool: bodies of at most `inlineMaxBytes` are validated by
 * `inline` (validateBericht on this thread), the rest by the pool.
 */
export function sizeRoutedValidate(pool: Pick<ValidatePool, 'validate'>, inline: ValidateFn, inlineMaxBytes: number): IngestValidateFn {
  if (inlineMaxBytes <= 0) return pool.validate;
  return (raw, opts) => (raw.byteLength <= inlineMaxBytes ? inline(raw, opts) : pool.validate(raw, opts));
}

export interface ValidatePoolOptions {
  /** Worker threads; default defaultValidateThreads(). */
  readonly threads?: number;
  /** A thread ended unexpectedly holding `pending` berichten; it has been replaced (unless it never started). */
  readonly onWorkerExit?: (code: number, pending: number) => void;
  /** The thread script (default: validate-worker); tests wrap it to make a thread die on cue. */
  readonly entry?: URL;
}

export async function createValidatePool(opts: ValidatePoolOptions = {}): Promise<ValidatePool> {
  const entry = opts.entry ?? defaultEntry();
  const threads = Math.max(1, opts.threads ?? defaultValidateThreads());
  let closing = false;
  let nextId = 1;
  const slots: (Slot | undefined)[] = [];

  const start = (index: number): Slot => {
    const worker = spawn(entry);
    const pending: Slot['pending'] = new Map();
    const settle = (m: PoolReply): void => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if ('failure' in m) {
        p.reject(new ValidationThreadError(`validation failed inside the validator: ${m.failure}`));
        return;
      }
      const message = m.messageId ? MESSAGES[m.messageId] : undefined;
      p.resolve({
        ...(message ? { message } : {}),
        valid: m.valid,
        l1Valid: m.l1Valid,
        issues: m.issues,
        ...(m.bericht ? { bericht: m.bericht } : {}),
        ...(m.digest ? { digest: m.digest } : {}),
      });
    };
    let started = false;
    let lastError: unknown;
    const slot: Slot = {
      worker,
      pending,
      queued: [],
      transfer: [],
      ready: new Promise<void>((resolve, reject) => {
        worker.on('message', (m: PoolBatchReply & { ready?: boolean }) => {
          if (m.ready) {
            started = true;
            resolve();
            return;
          }
          for (const r of JSON.parse(m.replies) as PoolReply[]) settle(r);
        });
        worker.on('exit', (code) => {
          if (!started) reject(new ValidationThreadError(`a validation thread did not start (exit ${code}): ${String(lastError)}`));
        });
      }),
    };
    slot.ready.catch(() => undefined); // a replacement's failure is handled below, the first start's by the caller
    worker.on('error', (e) => {
      lastError = e;
    }); // followed by 'exit'
    worker.on('exit', (code) => {
      const held = pending.size;
      for (const p of pending.values()) p.reject(new ValidationThreadError(`the validation thread exited (${code}) holding this bericht`));
      pending.clear();
      if (closing) return;
      opts.onWorkerExit?.(code, held);
      // A thread that never started would fail again: leave its place empty instead of looping.
      if (started) slots[index] = start(index);
      else slots[index] = undefined;
    });
    return slot;
  };

  for (let i = 0; i < threads; i++) slots.push(start(i));
  try {
    await Promise.all(slots.map((s) => s!.ready));
  } catch (err) {
    closing = true;
    await Promise.all(slots.map((s) => s?.worker.terminate()));
    throw err;
  }

  // Post after the current event-loop turn, so that every request whose bytes arrived in this turn
  // goes in one message (as the group committer does for commits).
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    for (const slot of slots) {
      if (!slot || slot.queued.length === 0) continue;
      const batch: PoolBatch = { requests: slot.queued };
      slot.worker.postMessage(batch, slot.transfer);
      slot.queued = [];
      slot.transfer = [];
    }
  };

  return {
    threads,
    validate(raw, { today }) {
      if (closing) return Promise.reject(new ValidationThreadError('the validation pool is closed'));
      // The least busy thread; ties go to the first (keeps one thread warm at low load).
      let slot: Slot | undefined;
      for (const s of slots) if (s && (!slot || s.pending.size < slot.pending.size)) slot = s;
      if (!slot) return Promise.reject(new ValidationThreadError('no validation thread is running'));
      const target = slot;
      const id = nextId++;
      // A copy of exactly the body's bytes, moved (not copied again) to the thread; the caller keeps
      // `raw` for the journal. A Buffer can be a view on a larger pooled ArrayBuffer.
      const copy = new Uint8Array(raw.byteLength);
      copy.set(raw);
      return new Promise<ValidateResult>((resolve, reject) => {
        target.pending.set(id, { resolve, reject });
        target.queued.push({ id, raw: copy, today });
        target.transfer.push(copy.buffer);
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s?.worker.terminate()));
    },
  };
}
