/**
 * A store for one test file: PGlite in memory, or its own schema on the PostgreSQL at 127.0.0.1:5432
 * (database `test`, or DATABASE_URL), dropped at the end. Migrations of src/store/migrations applied.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb } from '../../src/store/db.js';
import type { OpenedDb, StoreKind } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';

export const PG_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb extends OpenedDb {
  readonly schema?: string;
  drop(): Promise<void>;
}

export async function openTestDb(kind: StoreKind, label: string, opts: { poolSize?: number } = {}): Promise<TestDb> {
  if (kind === 'pglite') {
    const o = await openDb({ memory: true });
    await migrate(o.db);
    return { ...o, drop: () => o.close() };
  }
  const schema = `kafka_${label}_${randomBytes(3).toString('hex')}`;
  const o = await openDb({ databaseUrl: PG_URL, schema, poolSize: opts.poolSize ?? 10 });
  await migrate(o.db);
  return {
    ...o,
    schema,
    drop: async () => {
      await o.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

export { setKafkaEnabled } from '../../src/store/kafka-settings/set-enabled.js';
