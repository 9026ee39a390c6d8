/**
 * Group commit: concurrent requests hand their journal writes to one committer, which writes
 * everything that is waiting in one statement (multi-row INSERTs in data-modifying CTEs) and
 * resolves each caller only after that autocommit statement has committed, so a 202 still means
 * "durable". No timer: the first write after an idle period is committed at once; writes that arrive
 * while a commit is in flight form the next batch. Under load batches grow by themselves, at rest
 * latency is one commit.
 */
import type { Db } from './db.js';
import { claimConversationKeys } from './conversation-clock/claim.js';
import { writeBatch } from './journal/insert.js';
import type { JournalWrite, WriteResult } from './journal/types.js';

/** 8 MiB: thousands of ordinary berichten per commit, one large declaratie at a time. */
export const DEFAULT_MAX_BATCH_BYTES = 8 * 1024 * 1024;

/**
 * A decided bericht's claim on its conversation (docs/decisions/0024-conversation-order.md): the
 * order keys as advisory-lock ids, the versions its decision saw, and how to decide it again.
 */
export interface CommitOrder {
  readonly locks: readonly { readonly id: string; readonly exclusive: boolean }[];
  /**
   * Ids checked but not locked: a bericht holding its aanbieder's scope exclusively (a declaratie)
   * watches its clients' keys, which writers holding the scope shared move without touching the scope.
   */
  readonly watch: readonly string[];
  /** conversation_clock versions read before deciding (absent id: version 0). */
  readonly seen: ReadonlyMap<string, string>;
  /** Decides again against the state as it now stands (under the locks): the write to journal instead. */
  redecide(): Promise<JournalWrite>;
}

interface Pending {
  write: JournalWrite;
  order: CommitOrder | undefined;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

export interface GroupCommitOptions {
  /** Rows per transaction at most (keeps one statement well under PostgreSQL's 65,535 parameters). */
  readonly maxBatch?: number;
  /**
   * Raw bytes per transaction at most (a single larger bericht still goes alone). PGlite's WebAssembly
   * memory grows to its largest statement and never shrinks: ten 25 MB declaraties in one commit left
   * the process at 2.3 GB.
   */
  readonly maxBatchBytes?: number;
  /** Transactions in flight at once: 1 for PGlite (one connection), a few for a PostgreSQL pool. */
  readonly concurrency?: number;
  /** Called after each commit with its size, for metrics. */
  readonly onCommit?: (rows: number, ms: number) => void;
  /**
   * PostgreSQL with more than one instance possible: a batch with order claims is written in one
   * transaction that first takes their advisory locks, re-decides each claim whose keys another
   * instance journaled for since it decided, and bumps the exclusive keys' versions. Never on PGlite:
   * it is one process (the data-folder lock), whose in-process order (KeyedLocks) is enough, and a
   * re-decision inside its one connection's transaction would wait for that connection.
   */
  readonly arbitrate?: boolean;
  /** Called with the number of berichten decided again in a commit (state moved under them). */
  readonly onRedecide?: (n: number) => void;
}

const CLOCK_CACHE_MAX = 200_000;

export class GroupCommitter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxBatchBytes: number;
  private readonly concurrency: number;
  /**
   * conversation_clock versions as this instance last saw them in a commit: a bericht whose keys it
   * knows needs no read before deciding. A stale entry (another instance wrote since) only sends that
   * bericht back to decide in the commit. Cleared when it grows past CLOCK_CACHE_MAX.
   */
  private readonly versions = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 500;
    this.maxBatchBytes = opts.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    this.concurrency = opts.concurrency ?? 1;
  }

  write(write: JournalWrite, order?: CommitOrder): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ write, order: this.opts.arbitrate ? order : undefined, resolve, reject });
      this.pump();
    });
  }

  /** The versions of these ids as last seen in this instance's commits; the ids it has not seen are listed apart. */
  knownVersions(ids: readonly string[]): { known: Map<string, string>; unknown: string[] } {
    const known = new Map<string, string>();
    const unknown: string[] = [];
    for (const id of ids) {
      const v = this.versions.get(id);
      if (v === undefined) unknown.push(id);
      else known.set(id, v);
    }
    return { known, unknown };
  }

  private pump(): void {
    // Start a commit only after the current event-loop turn: requests whose bytes already arrived are
    // validated and queued first, so they share the commit. Without this a commit started for the
    // first request of a turn (measured over HTTP on PGlite: 1–2 rows per commit, ~300 berichten/s),
    // and PGlite runs on this thread, so the others waited behind it. setImmediate adds no timer delay.
    if (this.scheduled || this.inFlight >= this.concurrency || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  private start(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.batchLength());
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** How many waiting writes the next batch takes: at most maxBatch rows and maxBatchBytes raw bytes, at least one. */
  private batchLength(): number {
    let n = 0;
    let bytes = 0;
    while (n < this.queue.length && n < this.maxBatch) {
      bytes += this.queue[n]!.write.raw.byteLength;
      if (n > 0 && bytes > this.maxBatchBytes) break;
      n++;
    }
    return n;
  }

  private async commit(batch: Pending[]): Promise<void> {
    const t0 = performance.now();
    try {
      const results = await this.writeOrdered(batch);
      this.opts.onCommit?.(batch.length, performance.now() - t0);
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // One bad row must not fail its neighbours: retry each alone so only the culprit gets the error.
      for (const p of batch) {
        try {
          const [r] = await this.writeOrdered([p]);
          p.resolve(r!);
        } catch (e) {
          p.reject(e);
        }
      }
    }
  }

  /** The batch's statement; with order claims inside one transaction under their advisory locks. */
  private async writeOrdered(batch: Pending[]): Promise<WriteResult[]> {
    if (!batch.some((p) => p.order))
      return writeBatch(
        this.db,
        batch.map((p) => p.write),
      );
    const after = new Map<string, string>();
    let results: WriteResult[];
    try {
      results = await this.db.transaction(async (tx) => {
        const mode = new Map<string, boolean>();
        for (const p of batch) for (const l of p.order?.locks ?? []) mode.set(l.id, (mode.get(l.id) ?? false) || l.exclusive);
        const ids = [...mode.keys()];
        const watched = new Set(ids);
        for (const p of batch) for (const id of p.order?.watch ?? []) watched.add(id);
        // Locks, the versions before this transaction, and the exclusive keys moved on: one round trip.
        const now = await claimConversationKeys(
          tx,
          ids.map((id) => ({ id, exclusive: mode.get(id)! })),
          [...watched],
        );
        let redecided = 0;
        for (const p of batch) {
          if (!p.order) continue;
          const seen = p.order.seen;
          const changed = (id: string): boolean => (now.get(id) ?? '0') !== (seen.get(id) ?? '0');
          const moved = p.order.locks.some((l) => changed(l.id)) || p.order.watch.some(changed);
          if (!moved) continue;
          p.write = await p.order.redecide();
          redecided++;
        }
        if (redecided > 0) this.opts.onRedecide?.(redecided);
        for (const id of watched) after.set(id, now.get(id) ?? '0');
        for (const id of ids) if (mode.get(id)) after.set(id, String(BigInt(now.get(id) ?? '0') + 1n));
        return writeBatch(
          tx,
          batch.map((p) => p.write),
        );
      });
    } catch (err) {
      for (const p of batch) for (const l of p.order?.locks ?? []) this.versions.delete(l.id);
      throw err;
    }
    // Committed: what this instance knows now (before the callers resolve and the next of a key decides).
    if (this.versions.size + after.size > CLOCK_CACHE_MAX) this.versions.clear();
    for (const [id, v] of after) this.versions.set(id, v);
    return results;
  }
}
