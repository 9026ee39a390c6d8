/**
 * `sluis replay` re-delivers through the delivery channels of the parties config (SLUIS_PARTIES, read
 * as `serve` reads it): a changed bericht routed to a party with a webhook gets the webhook's outbox
 * row, with the delivery key the gateway gives a first delivery. (The CLI used to queue the postbus
 * only; docs/kafka.md promised the webhook too.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decide, EMPTY_STATE, summarize } from '../../src/decision/index.js';
import type { DecideFn } from '../../src/pipeline/types.js';
import { main, type CliIO } from '../../src/cli/main.js';
import { openTestDb, PG_URL, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';
import { testPipeline } from './gateway.js';
import { NOW_DOC, THEN_DOC, registry } from './registries.js';

const THEN = registry(THEN_DOC);
const decideThen: DecideFn = (input) => decide(summarize(input.message, input.bericht), THEN, EMPTY_STATE, input.today);

function io(env: Record<string, string>): CliIO & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    isTTY: false,
    env,
    cwd: process.cwd(),
    stdout: (t: string) => {
      o.out += t;
    },
    stderr: (t: string) => {
      o.err += t;
    },
  };
  return o;
}

describe('sluis replay queues the webhook of a party that has one (CLI, postgres)', () => {
  let store: TestDb;
  let env: Record<string, string>;
  let registryFile: string;
  beforeAll(async () => {
    store = await openTestDb('postgres', 'cliwebhook');
    // Taken in under THEN: the 323s of 42420001 are suppressed by K1 (no delivery at all).
    const { ingress } = testPipeline(store.db, 'postgres', decideThen);
    for (let i = 0; i < 6; i++) {
      const xml = bericht({ id: 'JW323', identificatie: `W${i}`, bsn: testBsn(1800 + i), moreBsns: [testBsn(1900 + i)] });
      expect((await ingress(Buffer.from(xml), new Date(Date.UTC(2026, 10, 3, 9, i)))).kind).toBe('stored');
    }
    const dir = mkdtempSync(join(tmpdir(), 'sluis-replay-webhook-'));
    registryFile = join(dir, 'now.registry.json');
    writeFileSync(registryFile, JSON.stringify(NOW_DOC));
    // The demo parties, gemeente 0384 with a webhook.
    const parties = JSON.parse(readFileSync('config/demo.parties.json', 'utf8')) as { parties: { code: string; webhook?: unknown }[] };
    for (const p of parties.parties)
      if (p.code === '0384') p.webhook = { url: 'https://gemeente-0384.example/sluis', secret: 'webhook-secret-for-tests-0123456789' };
    const partiesFile = join(dir, 'parties.json');
    writeFileSync(partiesFile, JSON.stringify(parties));
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${store.schema}`);
    env = { DATABASE_URL: url.toString(), SLUIS_OPERATOR: 'operator-1', SLUIS_PARTIES: partiesFile };
  });
  afterAll(async () => {
    await store?.drop();
  });

  it('a changed bericht routed to 0384 gets a webhook outbox row with the gateway delivery key', async () => {
    const before = await store.db.query<{ n: string }>("SELECT count(*) AS n FROM outbox WHERE channel = 'webhook'");
    expect(Number(before.rows[0]!.n)).toBe(0);
    const c = io(env);
    const code = await main(
      ['replay', '--from', '2026-11-01', '--to', '2026-12-01', '--registry', registryFile, '--today', '2026-11-23'],
      c,
    );
    expect(code, c.err).toBe(0);
    expect(c.out).toContain('changed 6  re-delivered 6');
    const routed = await store.db.query<{ id: string }>("SELECT id FROM journal WHERE addressee = '0384' ORDER BY id");
    expect(routed.rows).toHaveLength(6);
    const hooks = await store.db.query<{ bericht_id: string; destination: string; delivery_key: string; payload: unknown }>(
      "SELECT bericht_id, destination, delivery_key, payload FROM outbox WHERE channel = 'webhook' ORDER BY bericht_id",
    );
    expect(hooks.rows).toEqual(
      routed.rows.map((r) => ({
        bericht_id: r.id,
        destination: '0384',
        delivery_key: `${r.id}.webhook.0384`,
        payload: { berichtId: r.id, party: '0384' },
      })),
    );
    // A second run changes nothing and queues nothing twice.
    const again = io(env);
    expect(
      await main(['replay', '--from', '2026-11-01', '--to', '2026-12-01', '--registry', registryFile, '--today', '2026-11-23'], again),
    ).toBe(0);
    const after = await store.db.query<{ n: string }>("SELECT count(*) AS n FROM outbox WHERE channel = 'webhook'");
    expect(Number(after.rows[0]!.n)).toBe(6);
  });

  it('an unreadable SLUIS_PARTIES is a usage error', async () => {
    const c = io({ ...env, SLUIS_PARTIES: '/nonexistent/parties.json' });
    expect(await main(['replay', '--from', '2026-11-01', '--to', '2026-12-01', '--json'], c)).toBe(2);
    expect(JSON.parse(c.out)).toMatchObject({ error: 'invalid-config' });
  });
});
