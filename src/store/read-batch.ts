/**
 * Read coalescing for the conversation state (docs/decisions/0035-coalesced-state-reads.md): the
 * SELECTs that berichten deciding at the same moment send are gathered and sent as ONE statement,
 * each as a branch of a UNION ALL tagged with its place in the batch, its rows carried as jsonb. A
 * statement costs the gateway a socket write and a read whatever its size (on the 2-core VMs the
 * kernel's share of a round trip on loopback measured ≈ 0.2 ms of the gateway's CPU), so twenty
 * berichten asking three questions each cost one round trip instead of sixty.
 *
 * Like the group commit: the first read of an idle batcher waits only for the current turn of the
 * event loop (setImmediate); while `maxInFlight` batches run, further reads gather for the next one.
 *
 * Only for read-only SELECT/WITH statements whose rows survive `to_jsonb` (text, numbers, booleans,
 * jsonb; a timestamptz comes back as its ISO text, a bigint as a number). Not a verb: no statement of
 * its own; the verbs' statements pass through it unchanged.
 */
import type { Db, QueryResult } from './db.js';

interface Pending {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly resolve: (r: QueryResult<Record<string, unknown>>) => void;
  readonly reject: (e: unknown) => void;
}

export interface ReadBatchOptions {
  /** Batches on the wire at once; further reads wait for the next batch. Default 2. */
  readonly maxInFlight?: number;
  /** At most this many statements in one batch. Default 64. */
  readonly maxStatements?: number;
}

/** `$n` placeholders outside quotes (the verbs use no dollar-quoting and no `$` in literals). */
const PLACEHOLDER = /\$(\d+)/g;

/** The one statement for a batch: each read's rows in order, tagged with its index. */
export function combine(reads: readonly { readonly sql: string; readonly params: readonly unknown[] }[]): {
  sql: string;
  params: unknown[];
} {
  const params: unknown[] = [];
  const branches = reads.map((r, i) => {
    const offset = params.length;
    params.push(...r.params);
    const sql = r.sql.replace(PLACEHOLDER, (_m, n: string) => `$${Number(n) + offset}`);
    // row_number() over the branch's own ORDER BY keeps its order through the union.
    return `SELECT ${i} AS q, x.n, x.r FROM (SELECT row_number() OVER () AS n, to_jsonb(s) AS r FROM (${sql}) s) x`;
  });
  return { sql: `${branches.join('\nUNION ALL\n')}\nORDER BY 1, 2`, params };
}

/** A Db whose `query` coalesces concurrent reads; transactions and prepared statements pass through. */
export function coalescedReads(db: Db, o: ReadBatchOptions = {}): Db {
  const maxInFlight = o.maxInFlight ?? 2;
  const maxStatements = o.maxStatements ?? 64;
  let queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = (): void => {
    if (scheduled || inFlight >= maxInFlight || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };

  const flush = (): void => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue.slice(0, maxStatements);
    queue = queue.slice(batch.length);
    inFlight++;
    void answer(batch).then((settle) => {
      // The next batch may go before the callers continue (they may read again at once).
      inFlight--;
      schedule();
      settle();
    });
    schedule();
  };

  /** Runs a batch; resolves with the function that settles its callers (never rejects). */
  const answer = async (batch: readonly Pending[]): Promise<() => void> => {
    if (batch.length === 1) {
      const only = batch[0]!;
      try {
        const r = await db.query(only.sql, only.params);
        return () => only.resolve(r);
      } catch (e) {
        return () => only.reject(e);
      }
    }
    let rows: { q: number; r: Record<string, unknown> }[];
    try {
      const c = combine(batch);
      rows = (await db.query<{ q: number; r: Record<string, unknown> }>(c.sql, c.params)).rows;
    } catch (e) {
      return () => {
        for (const p of batch) p.reject(e);
      };
    }
    const out: Record<string, unknown>[][] = batch.map(() => []);
    for (const row of rows) out[Number(row.q)]!.push(row.r);
    return () => batch.forEach((p, i) => p.resolve({ rows: out[i]! }));
  };

  return {
    ...(db.bytea ? { bytea: db.bytea } : {}),
    transaction: (fn) => db.transaction(fn),
    query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      return new Promise<QueryResult<T>>((resolve, reject) => {
        queue.push({ sql, params, resolve: resolve as (r: QueryResult<Record<string, unknown>>) => void, reject });
        schedule();
      });
    },
  };
}
