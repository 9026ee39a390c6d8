/**
 * Test harness: the real gateway (createApp + node:http) on an ephemeral port, over PGlite (in
 * memory) or PostgreSQL (127.0.0.1:5432/test, one schema per harness, dropped on close), with the
 * logs captured in memory for the privacy test.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { hashApiKey, parsePartiesConfig, type PartiesConfig } from '../../src/config/parties.js';
import { openDb, type Db, type StoreKind } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createLogger } from '../../src/http/log.js';
import { createApp, type App, type AppDeps } from '../../src/http/app.js';
import { closeServer, createRequestListener, listen } from '../../src/http/server.js';
import { validateBericht } from '../../src/validation/validate.js';
import { buildRetour } from '../../src/validation/retour.js';
import type { BuildRetourFn, ValidateFn } from '../../src/pipeline/types.js';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const STORES: readonly StoreKind[] = ['pglite', 'postgres'];

export const KEYS = {
  gemeente0384: 'test-key-gemeente-0384-0123456789abcdef',
  gemeente0363: 'test-key-gemeente-0363-0123456789abcdef',
  aanbieder42420001: 'test-key-aanbieder-42420001-0123456789',
  aanbieder65656055: 'test-key-aanbieder-65656055-0123456789',
  operator: 'test-key-operator-0123456789abcdef',
} as const;

export function testParties(webhooks: Record<string, { url: string; secret: string }> = {}): PartiesConfig {
  const party = (role: string, code: string, key: string) => ({
    role,
    code,
    name: `Test ${role} ${code}`,
    apiKeys: [{ id: 't', sha256: hashApiKey(key) }],
    ...(webhooks[code] ? { webhook: webhooks[code] } : {}),
  });
  return parsePartiesConfig(
    {
      clientKeySecret: 'test-client-key-secret-0123456789',
      parties: [
        party('gemeente', '0384', KEYS.gemeente0384),
        party('gemeente', '0363', KEYS.gemeente0363),
        party('aanbieder', '42420001', KEYS.aanbieder42420001),
        party('aanbieder', '65656055', KEYS.aanbieder65656055),
      ],
      operators: [{ name: 'beheer', apiKeys: [{ id: 't', sha256: hashApiKey(KEYS.operator) }] }],
    },
    'test',
  );
}

export interface Gateway {
  readonly url: string;
  readonly db: Db;
  readonly app: App;
  readonly logs: string[];
  readonly store: StoreKind;
  close(): Promise<void>;
}

export interface GatewayOptions extends Partial<Pick<AppDeps, 'decide' | 'webhook' | 'clock' | 'buildRetour'>> {
  readonly parties?: PartiesConfig;
}

export async function startGateway(store: StoreKind, opts: GatewayOptions = {}): Promise<Gateway> {
  const schema = `gw_${randomBytes(6).toString('hex')}`;
  // PGlite as `serve` runs it: in a worker thread.
  const opened =
    store === 'pglite' ? await openDb({ memory: true, worker: true }) : await openDb({ databaseUrl: PG_URL, schema, poolSize: 8 });
  await migrate(opened.db);
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
  const app = createApp({
    db: opened.db,
    storeKind: opened.kind,
    parties: opts.parties ?? testParties(),
    logger,
    validate: validateBericht as ValidateFn,
    buildRetour: opts.buildRetour ?? (buildRetour as BuildRetourFn),
    ...(opts.decide ? { decide: opts.decide } : {}),
    ...(opts.webhook ? { webhook: opts.webhook } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const { server, port } = await listen(createRequestListener(app.handle), 0, '127.0.0.1');
  app.start();
  return {
    url: `http://127.0.0.1:${port}`,
    db: opened.db,
    app,
    logs,
    store,
    async close() {
      await app.stop();
      await closeServer(server);
      await opened.close();
      if (store === 'postgres') await dropSchema(schema);
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

// ---- samples -------------------------------------------------------------------------------------

export function sharedDir(): string {
  return process.env.SLUIS_SHARED ?? resolve(import.meta.dirname, '../../../shared');
}

export function sample(name: string): string {
  return readFileSync(resolve(sharedDir(), 'istandaarden/samples/ijw', `${name}.xml`), 'utf8');
}

/** The sample with another BerichtIdentificatie/Identificatie (1–12 chars). */
export function withIdentificatie(xml: string, id: string): string {
  return xml.replace(/(<[a-z0-9]+:Identificatie>)[^<]*(<\/)/, `$1${id}$2`);
}

/** Replaces every Bsn in the sample. */
export function withBsn(xml: string, bsn: string): string {
  return xml.replace(/(<[a-z0-9]+:Bsn>)[0-9]{9}(<\/)/g, `$1${bsn}$2`);
}

/** A test BSN (999900006–999999990) passing the elfproef, the n-th one from a start. */
export function testBsns(count: number, start = 999_900_000): string[] {
  const out: string[] = [];
  for (let n = start; out.length < count && n <= 999_999_990; n++) {
    const d = String(n).split('').map(Number);
    const sum = d.slice(0, 8).reduce((s, x, i) => s + x * (9 - i), 0) - d[8]!;
    if (n >= 999_900_006 && sum % 11 === 0) out.push(String(n));
  }
  return out;
}

// ---- HTTP -------------------------------------------------------------------------------------------

/** Parsed JSON of a response; tests assert its shape with expect(), so it is deliberately loose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-only: shapes are asserted by expect()
export type Json = any;
export interface Res {
  status: number;
  headers: Headers;
  text: string;
  json: () => Json;
}

export async function call(
  gw: Pick<Gateway, 'url'>,
  method: string,
  path: string,
  opts: { key?: string; body?: string | Uint8Array; contentType?: string; accept?: string } = {},
): Promise<Res> {
  const headers: Record<string, string> = {};
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/xml';
  if (opts.accept) headers.accept = opts.accept;
  const r = await fetch(`${gw.url}${path}`, { method, headers, ...(opts.body !== undefined ? { body: opts.body } : {}) });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: () => JSON.parse(text) };
}

export function post(
  gw: Pick<Gateway, 'url'>,
  xml: string | Uint8Array,
  key: string,
  extra: { contentType?: string; accept?: string } = {},
): Promise<Res> {
  return call(gw, 'POST', '/api/v1/berichten', { key, body: xml, ...extra });
}

/** Row counts of every table the pipeline writes: "nothing half-stored" = these do not change. */
export async function storeCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['journal', 'journal_status', 'postbus', 'outbox']) {
    const r = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${t}`);
    out[t] = Number(r.rows[0]!.n);
  }
  return out;
}
