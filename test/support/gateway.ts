/**
 * The one test harness for a running gateway: the composition root (src/app/start.ts) — the same one
 * `sluis serve` runs — on an ephemeral port on 127.0.0.1, over PGlite in memory (in a worker thread,
 * as `serve` runs it) or PostgreSQL at 127.0.0.1:5432/test in a schema of its own (dropped on close),
 * with the logs captured in memory (the privacy tests read them). A test passes only what it needs:
 * parties, a registry file, a clock, or a single overridden part.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { clockOf } from '../../src/app/clock.js';
import type { App } from '../../src/app/gateway.js';
import { settingsFromEnv, type Settings } from '../../src/app/settings.js';
import { startGateway, type StartOptions } from '../../src/app/start.js';
import type { PartiesConfig } from '../../src/config/parties.js';
import { createLogger } from '../../src/http/log.js';
import type { Db, StoreKind } from '../../src/store/db.js';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestGateway {
  readonly url: string;
  readonly db: Db;
  readonly app: App;
  readonly logs: string[];
  readonly store: StoreKind;
  /** PostgreSQL: the schema this gateway's tables are in (a CLI run reaches them with search_path). */
  readonly schema?: string;
  close(): Promise<void>;
}

export interface TestGatewayOptions extends Pick<StartOptions, 'decide' | 'webhook' | 'buildRetour'> {
  /** The parties as an object; default: `env.SLUIS_PARTIES` or the demo config. */
  readonly parties?: PartiesConfig;
  /** The instant source; today's date is taken in Europe/Amsterdam from it. */
  readonly clock?: () => Date;
  /** Settings as `serve` reads them (SLUIS_REGISTRY, SLUIS_PARTIES, SLUIS_POSTCODES, …), relative to `cwd`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** PostgreSQL: this schema (two gateways on one database); the caller drops it. Default: one of its own, dropped on close. */
  readonly schema?: string;
  /** PGlite: this data directory instead of memory (a restart on the same data); the caller removes it. */
  readonly dataDir?: string;
}

export async function startTestGateway(store: StoreKind, opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const schema = opts.schema ?? `gw_${randomBytes(6).toString('hex')}`;
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    }) as never,
  });
  // Only the settings a test names: nothing leaks in from the environment the suite runs in.
  const env = { ...(process.env.SLUIS_SHARED ? { SLUIS_SHARED: process.env.SLUIS_SHARED } : {}), ...opts.env };
  const base = settingsFromEnv(env, opts.cwd ?? process.cwd());
  const settings: Settings = {
    ...base,
    port: 0,
    host: '127.0.0.1',
    // Validation on the main thread: the thread pool has tests of its own (validate-pool, serve).
    validateThreads: base.validateThreads ?? 0,
    store:
      store === 'pglite'
        ? opts.dataDir
          ? { kind: 'pglite', dataDir: opts.dataDir }
          : { kind: 'memory' }
        : { kind: 'postgres', databaseUrl: PG_URL, schema, poolSize: 8 },
  };
  const running = await startGateway(settings, {
    logger,
    ...(opts.clock ? { clock: clockOf(opts.clock) } : {}),
    ...(opts.parties ? { parties: opts.parties } : {}),
    ...(opts.decide ? { decide: opts.decide } : {}),
    ...(opts.webhook ? { webhook: opts.webhook } : {}),
    ...(opts.buildRetour ? { buildRetour: opts.buildRetour } : {}),
  });
  return {
    url: running.url,
    db: running.db,
    app: running.app,
    logs,
    store,
    ...(store === 'postgres' ? { schema } : {}),
    async close() {
      await running.stop();
      if (store === 'postgres' && opts.schema === undefined) await dropSchema(schema);
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}
