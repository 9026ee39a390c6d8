/**
 * One database interface over PostgreSQL (`pg` Pool) and PGlite (PostgreSQL compiled to WebAssembly,
 * embedded): same SQL dialect, same migrations. Everything above this file sees only `Db`.
 *
 * PGlite is a single connection: two interleaved transactions would share one session, so every
 * statement and every transaction goes through one promise queue (`SerialQueue`). PostgreSQL gets a
 * pool; a transaction checks out one client for its whole life.
 */
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

export interface QueryResult<T> { rows: T[] }

export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
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
  /** PostgreSQL only: schema to create and put first on the search_path (one schema per test file). */
  readonly schema?: string;
  /** PostgreSQL pool size; default 10. */
  readonly poolSize?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDb(opts: OpenDbOptions): Promise<OpenedDb> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.schema, opts.poolSize ?? 10);
  return openPglite(opts.memory ? undefined : (opts.dataDir ?? './data'));
}

async function openPostgres(url: string, schema: string | undefined, max: number): Promise<OpenedDb> {
  const config: pg.PoolConfig = { connectionString: url, max };
  if (schema !== undefined) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name '${schema}'`);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try { await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`); } finally { await admin.end(); }
    config.options = `-c search_path=${schema}`;
  }
  const pool = new pg.Pool(config);
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const viaClient = (client: pg.PoolClient): Db => ({
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      const r = await client.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as T[] };
    },
    transaction: (fn) => fn(viaClient(client)), // already inside one: flatten
  });
  const db: Db = {
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      const r = await pool.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as T[] };
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(viaClient(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
  let where = 'postgresql';
  try { const u = new URL(url); where = `postgresql://${u.hostname}:${u.port || '5432'}${u.pathname}`; } catch { /* keep generic */ }
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

async function openPglite(dataDir: string | undefined): Promise<OpenedDb> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const lite = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  const queue = new SerialQueue();
  // Inside a transaction the queue is already held; statements go straight to PGlite.
  const direct: Db = {
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      const r = await lite.query<T>(sql, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    transaction: (fn) => fn(direct),
  };
  const db: Db = {
    query: (sql, params) => queue.run(() => direct.query(sql, params)),
    transaction: (fn) => queue.run(async () => {
      await lite.query('BEGIN');
      try {
        const out = await fn(direct);
        await lite.query('COMMIT');
        return out;
      } catch (err) {
        await lite.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }),
  };
  return {
    db,
    kind: 'pglite',
    describe: dataDir === undefined ? 'pglite (in memory)' : `pglite (${dataDir})`,
    close: () => queue.run(() => lite.close()),
  };
}
