/**
 * The gateway tests' parties, keys and sample helpers, over the one gateway harness
 * (test/support/gateway.ts: the composition root on an ephemeral port).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hashApiKey, parsePartiesConfig, type PartiesConfig } from '../../src/config/parties.js';
import type { Db, StoreKind } from '../../src/store/db.js';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from '../support/gateway.js';

export { PG_URL, dropSchema } from '../support/gateway.js';
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

export type Gateway = TestGateway;
export type GatewayOptions = TestGatewayOptions;

/** The gateway over the test parties (testParties()) unless a test passes its own. */
export async function startGateway(store: StoreKind, opts: GatewayOptions = {}): Promise<Gateway> {
  return startTestGateway(store, { parties: opts.parties ?? testParties(), ...opts });
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
