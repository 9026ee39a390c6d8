/**
 * Group commit: concurrent requests hand their journal writes to one committer, which writes
 * everything that is waiting in one statement (multi-row INSERTs in data-modifying CTEs) and
 * resolves each caller only after that autocommit statement has committed, so a 202 still means
 * "durable". No timer: the first write after an idle period is committed at once; writes that arrive
 * while a commit is in flight form the next batch. Under load batches grow by themselves, at rest
 * latency is one commit.
 */
import type { Db } from './db.js';
import { writeBatch } from './journal/insert.js';
import type { JournalWrite, WriteResult } from './journal/types.js';

/** 8 MiB: thousands of ordinary berichten per commit, one large declaratie at a time. */
export const DEFAULT_MAX_BATCH_BYTES = 8 * 1024 * 1024;

interface Pending {
  write: JournalWrite;
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
}

export class GroupCommitter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxBatchBytes: number;
  private readonly concurrency: number;

  constructor(
    private readonly db: Db,
    private readonly opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 500;
    this.maxBatchBytes = opts.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    this.concurrency = opts.concurrency ?? 1;
  }

  write(write: JournalWrite): Promise<WriteResult> {
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      this.pump();
    });
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
      const results = await writeBatch(
        this.db,
        batch.map((p) => p.write),
      );
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
          const [r] = await writeBatch(this.db, [p.write]);
          p.resolve(r!);
        } catch (e) {
          p.reject(e);
        }
      }
    }
  }
}
