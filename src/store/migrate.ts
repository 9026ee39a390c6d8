/**
 * Numbered plain-SQL migrations (`NNNN_name.sql`, one statement per file), applied at start inside
 * one transaction under an advisory lock, so several instances starting at once on one PostgreSQL
 * database apply each file exactly once. 0001–0099: journal/outbox/postbus, plain DDL; 0100+: Kafka, replay,
 * and anything that needs a PL/pgSQL body (the one-statement test cannot split those on semicolons).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import type { Db } from './db.js';

const FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** Arbitrary but fixed: the advisory lock id all Sluis instances agree on (ASCII "SLUISMIG" folded). */
const LOCK_ID = 5_315_494_953;

/** `src/store/migrations` both when run from source (tsx) and from `dist/src/store` (tsc does not copy .sql). */
export function migrationsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, 'migrations'), resolve(here, '../../../src/store/migrations')];
  const found = candidates.find((d) => existsSync(d));
  if (!found) throw new Error(`migrations directory not found (looked in ${candidates.join(', ')})`);
  return found;
}

export interface Migration {
  readonly version: string;
  readonly name: string;
  readonly sql: string;
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => FILE.test(f))
    .sort()
    .map((name) => ({ version: name.slice(0, 4), name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/** Applies what is missing; returns the names applied now. */
export async function migrate(db: Db, migrations: readonly Migration[] = loadMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.query(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
