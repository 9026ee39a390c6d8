/**
 * One database interface over PostgreSQL (`pg` Pool) and PGlite (PostgreSQL compiled to WebAssembly,
 * embedded): same SQL dialect, same migrations. Everything above this file sees only `Db`.
 *
 * PGlite is a single connection: two interleaved transactions would share one session, so every
 * statement and every transaction goes through one promise queue (`SerialQueue`). PostgreSQL gets a
 * pool; a transaction checks out one client for its whole life.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { MAX_PREPARED_TEXTS, pglitePrepared } from './pglite-prepared.js';

export interface QueryResult<T> {
  rows: T[];
}

export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * How a large bytea parameter travels best. 'binary': as a Buffer (node-postgres sends it in
   * binary format: 7.6 KB on the wire for a 7.6 KB bericht). 'hex' (default): as hex text decoded by
   * the server (PGlite's JS bytea encoder measured 3–4× slower than decode($n, 'hex')).
   */
  readonly bytea?: 'binary' | 'hex';
  /**
   * Runs a statement whose text recurs (the group commit's few padded shapes) as a prepared
   * statement, parsed and planned once per connection (PostgreSQL: each pool connection; PGlite: its
   * one session). Absent: callers use `query`.
   */
  readonly queryPrepared?: <T = Record<string, unknown>>(sql: string, params: readonly unknown[]) => Promise<QueryResult<T>>;
}

export type StoreKind = 'postgres' | 'pglite';

export interface OpenedDb {
  readonly db: Db;
  readonly kind: StoreKind;
  /** Human description without secrets (no password), for the first log lines. */
  readonly describe: string;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** `postgres://…`; when absent the embedded PGlite store is used. */
  readonly databaseUrl?: string;
  /** PGlite data directory; `undefined` with `memory: true` keeps it in memory (tests). */
  readonly dataDir?: string;
  readonly memory?: boolean;
  /**
   * PGlite only: run it in a worker thread (the server does; tests keep it in-thread, where vitest's
   * TypeScript transform does not reach a worker).
   */
  readonly worker?: boolean;
  /** PostgreSQL only: schema to create and put first on the search_path (one schema per test file). */
  readonly schema?: string;
  /** PostgreSQL pool size; default 10. */
  readonly poolSize?: number;
}

/** A text of several statements (simple protocol, no parameters) answers with one result each: the last one's rows count. */
function lastRows<T>(r: pg.QueryResult | pg.QueryResult[]): QueryResult<T> {
  const last = Array.isArray(r) ? r[r.length - 1] : r;
  return { rows: (last?.rows ?? []) as T[] };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDb(opts: OpenDbOptions): Promise<OpenedDb> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.schema, opts.poolSize ?? 10);
  const dir = opts.memory ? undefined : (opts.dataDir ?? './data');
  return opts.worker ? openPgliteWorker(dir) : openPglite(dir);
}

async function openPostgres(url: string, schema: string | undefined, max: number): Promise<OpenedDb> {
  const config: pg.PoolConfig = { connectionString: url, max };
  if (schema !== undefined) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name '${schema}'`);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
    config.options = `-c search_path=${schema}`;
  }
  const pool = new pg.Pool(config);
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  // One name per text for this pool: node-postgres prepares a named statement on each connection the
  // first time that connection runs it, and refuses one name for two texts.
  const names = new Map<string, string>();
  const preparedOn =
    (target: pg.Pool | pg.PoolClient) =>
    async <T>(sql: string, params: readonly unknown[]): Promise<QueryResult<T>> => {
      let name = names.get(sql);
      if (name === undefined && names.size < MAX_PREPARED_TEXTS) {
        name = `sluis_${names.size}`;
        names.set(sql, name);
      }
      const r =
        name === undefined
          ? await target.query(sql, params as unknown[])
          : await target.query({ name, text: sql, values: params as unknown[] });
      return { rows: r.rows as T[] };
    };
  const viaClient = (client: pg.PoolClient): Db => ({
    bytea: 'binary',
    query: async <T>(sql: string, params?: readonly unknown[]) => lastRows<T>(await client.query(sql, params as unknown[] | undefined)),
    queryPrepared: preparedOn(client),
    transaction: (fn) => fn(viaClient(client)), // already inside one: flatten
  });
  const db: Db = {
    bytea: 'binary',
    query: async <T>(sql: string, params?: readonly unknown[]) => lastRows<T>(await pool.query(sql, params as unknown[] | undefined)),
    queryPrepared: preparedOn(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      // BEGIN goes with the first statement when that one has no parameters (one round trip less:
      // the group commit's claim, decision 0035); otherwise on its own, before it.
      let begun = false;
      const begin = async (): Promise<void> => {
        if (begun) return;
        begun = true;
        await client.query('BEGIN');
      };
      const inner = viaClient(client);
      const tx: Db = {
        bytea: 'binary',
        query: async <T>(sql: string, params?: readonly unknown[]) => {
          if (!begun && (params === undefined || params.length === 0)) {
            begun = true;
            return lastRows<T>(await client.query(`BEGIN;\n${sql}`));
          }
          await begin();
          return inner.query<T>(sql, params);
        },
        queryPrepared: async <T>(sql: string, params: readonly unknown[]) => {
          await begin();
          return inner.queryPrepared!<T>(sql, params);
        },
        transaction: (f) => f(tx), // already inside one: flatten
      };
      try {
        const out = await fn(tx);
        if (begun) await client.query('COMMIT');
        return out;
      } catch (err) {
        if (begun) await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
  let where = 'postgresql';
  try {
    const u = new URL(url);
    where = `postgresql://${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    /* keep generic */
  }
  return { db, kind: 'postgres', describe: schema ? `${where} (schema ${schema})` : where, close: () => pool.end() };
}

/** A FIFO of async jobs that run one at a time. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** A PGlite session's statements without the queue; always with prepared statements. */
type PgliteDirect = Db & Required<Pick<Db, 'queryPrepared'>>;

/**
 * A PGlite session's Db: every statement and transaction takes its turn in `queue`; `direct` runs
 * statements without it (inside a transaction, which already holds the queue).
 */
function serialised(queue: SerialQueue, direct: PgliteDirect): Db {
  return {
    query: (sql, params) => queue.run(() => direct.query(sql, params)),
    queryPrepared: (sql, params) => queue.run(() => direct.queryPrepared(sql, params)),
    transaction: (fn) =>
      queue.run(async () => {
        await direct.query('BEGIN');
        try {
          const out = await fn(direct);
          await direct.query('COMMIT');
          return out;
        } catch (err) {
          await direct.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
  };
}

/** A Db over one PGlite session, its statements and transactions serialised by `queue`. */
export function pgliteSession(lite: PGlite, queue = new SerialQueue()): Db {
  const prepared = pglitePrepared(lite, MAX_PREPARED_TEXTS);
  // Inside a transaction the queue is already held; statements go straight to PGlite.
  const direct: PgliteDirect = {
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      const r = await lite.query<T>(sql, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    queryPrepared: prepared,
    transaction: (fn) => fn(direct),
  };
  return serialised(queue, direct);
}

async function openPglite(dataDir: string | undefined): Promise<OpenedDb> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const lite = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  const queue = new SerialQueue();
  const db = pgliteSession(lite, queue);
  return {
    db,
    kind: 'pglite',
    describe: dataDir === undefined ? 'pglite (in memory)' : `pglite (${dataDir})`,
    close: () => queue.run(() => lite.close()),
  };
}

/** A PGlite worker thread (src/store/pglite-worker.ts); from source under tsx, with its loader. */
function pgliteWorker(workerData: { dataDir: string | undefined }): Worker {
  if (import.meta.url.endsWith('.ts')) {
    // Running from source under tsx: a worker does not inherit the tsx loader, so register it first.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./pglite-worker.ts', import.meta.url).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, {
      eval: true,
      workerData,
    });
  }
  return new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData });
}

/**
 * Creates a NEW PGlite data folder and applies the migrations in a child process (src/store/pglite-init.ts).
 * initdb grows PGlite's WebAssembly memory to ~780 MB and that memory is never given back while the
 * process lives; opening the folder it left behind costs ~350 MB (docs/operations.md, "Stores"). A folder
 * that already holds a cluster is left alone (the caller migrates it as usual).
 */
export async function initPgliteFolder(dataDir: string): Promise<boolean> {
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(join(dataDir, 'PG_VERSION'))) return false;
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(fromSource ? './pglite-init.ts' : './pglite-init.js', import.meta.url));
  const child = spawn(process.execPath, [...(fromSource ? ['--import', import.meta.resolve('tsx')] : []), entry, dataDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`initialising the PGlite data folder ${dataDir} failed (exit ${code}): ${stderr.trim().slice(-2000)}`);
  return true;
}

/** The same Db over PGlite running in a worker thread (src/store/pglite-worker.ts). */
async function openPgliteWorker(dataDir: string | undefined): Promise<OpenedDb> {
  if (dataDir !== undefined) await initPgliteFolder(dataDir);
  const worker = pgliteWorker({ dataDir });
  type Reply = { id: number; rows?: unknown[]; error?: { message: string; code?: string }; ready?: boolean };
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failed: Error | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: Reply) => {
      if (m.ready) {
        resolve();
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error) p.reject(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
      else p.resolve(m.rows ?? []);
    });
    worker.on('error', (e) => {
      failed = e;
      reject(e);
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
    worker.on('exit', (code) => {
      failed ??= new Error(`PGlite worker exited (${code})`);
      reject(failed);
      for (const p of pending.values()) p.reject(failed);
      pending.clear();
    });
  });
  await ready;
  const send = (msg: { sql?: string; params?: readonly unknown[]; prepared?: boolean; close?: boolean }): Promise<unknown[]> => {
    if (failed) return Promise.reject(failed);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...msg });
    });
  };
  const queue = new SerialQueue();
  const prepared = async <T>(sql: string, params: readonly unknown[]): Promise<QueryResult<T>> => ({
    rows: (await send({ sql, params, prepared: true })) as T[],
  });
  const direct: PgliteDirect = {
    query: async <T>(sql: string, params?: readonly unknown[]) => ({ rows: (await send({ sql, ...(params ? { params } : {}) })) as T[] }),
    queryPrepared: prepared,
    transaction: (fn) => fn(direct),
  };
  const db = serialised(queue, direct);
  return {
    db,
    kind: 'pglite',
    describe: dataDir === undefined ? 'pglite (in memory, worker thread)' : `pglite (${dataDir}, worker thread)`,
    close: () =>
      queue.run(async () => {
        await send({ close: true });
        await worker.terminate();
      }),
  };
}
