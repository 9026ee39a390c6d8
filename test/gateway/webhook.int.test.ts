/**
 * Webhook push over real HTTP to a real receiver: HMAC signature, stable Sluis-Delivery-Id across
 * retries, backoff with the error kept on the outbox row, status afgeleverd on success; and an
 * injected decision (suppress/refuse) that keeps the bericht out of postbus and outbox.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/deliver/webhook.js';
import { KEYS, STORES, call, post, sample, startGateway, testParties, withIdentificatie, type Gateway } from './harness.js';
import { until } from '../support/until.js';

const SECRET = 'webhook-secret-for-tests-0123456789';

interface Received {
  deliveryId: string;
  berichtId: string;
  signature: string;
  body: Buffer;
  at: number;
}

async function receiver(failFirst: number): Promise<{ server: Server; url: string; got: Received[] }> {
  const got: Received[] = [];
  let calls = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      got.push({
        deliveryId: String(req.headers['sluis-delivery-id']),
        berichtId: String(req.headers['sluis-bericht-id']),
        signature: String(req.headers['sluis-signature']),
        body: Buffer.concat(chunks),
        at: Date.now(),
      });
      res.statusCode = calls <= failFirst ? 503 : 204;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

describe.each(STORES)('webhook delivery on %s', (store) => {
  let gw: Gateway;
  let rx: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    rx = await receiver(2);
    gw = await startGateway(store, {
      parties: testParties({ '42420001': { url: rx.url, secret: SECRET } }),
      webhook: { idleMs: 30, backoff: { baseSeconds: 0.2, capSeconds: 1, maxAttempts: 5 } },
    });
  });
  afterAll(async () => {
    await gw?.close();
    rx?.server.close();
  });

  it('retries with backoff, keeps the last error, signs every attempt, same delivery id; then afgeleverd', async () => {
    const xml = withIdentificatie(sample('JW301'), 'HOOK1');
    const id = (await post(gw, xml, KEYS.gemeente0384)).json().id as string;
    // after the first failure the row carries the error
    const err = await until(async () => {
      const r = await gw.db.query<{ last_error: string | null; attempts: number }>(
        "SELECT last_error, attempts FROM outbox WHERE bericht_id = $1 AND channel = 'webhook'",
        [id],
      );
      return r.rows[0]?.last_error ? r.rows[0] : undefined;
    });
    expect(err.last_error).toMatch(/^HTTP 503/);
    await until(async () => (rx.got.length >= 3 ? true : undefined));
    const row = await until(async () => {
      const r = await gw.db.query<{ done: boolean; attempts: number; destination: string }>(
        "SELECT done_at IS NOT NULL AS done, attempts, destination FROM outbox WHERE bericht_id = $1 AND channel = 'webhook'",
        [id],
      );
      return r.rows[0]?.done ? r.rows[0] : undefined;
    });
    expect(row).toMatchObject({ attempts: 3, destination: '42420001' });
    const mine = rx.got.filter((g) => g.berichtId === id);
    expect(mine).toHaveLength(3);
    expect(new Set(mine.map((g) => g.deliveryId)).size).toBe(1);
    expect(mine[0]!.body.toString('utf8')).toBe(xml);
    for (const g of mine) {
      const t = Number(/t=(\d+)/.exec(g.signature)![1]);
      expect(g.signature).toBe(signWebhook(SECRET, t, g.body));
    }
    // backoff: the retries were not immediate (base 0.2 s, jitter factor ≥ 0.5 → ≥ 100 ms)
    expect(mine[1]!.at - mine[0]!.at).toBeGreaterThanOrEqual(90);
    const b = await until(async () => {
      const r = (await call(gw, 'GET', `/api/v1/berichten/${id}`, { key: KEYS.operator })).json();
      return r.status === 'afgeleverd' ? r : undefined;
    });
    expect(b.history.at(-1)).toMatchObject({ status: 'afgeleverd', detail: { via: 'webhook' } });
    const m = (await call(gw, 'GET', '/metrics')).text;
    expect(m).toMatch(/sluis_deliveries_total\{channel="webhook",result="error"\} 2/);
    expect(m).toMatch(/sluis_outbox_backlog\{channel="webhook",state="pending"\} 0/);
  });

  it('a party without webhook gets no outbox row (postbus only)', async () => {
    const id = (await post(gw, sample('JW319'), KEYS.gemeente0384)).json().id as string; // to 65656055, no webhook
    const r = await gw.db.query<{ n: string }>("SELECT count(*)::text AS n FROM outbox WHERE bericht_id = $1 AND channel = 'webhook'", [
      id,
    ]);
    expect(r.rows[0]!.n).toBe('0');
  });
});

describe.each(STORES)('injected decision on %s', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store, {
      decide: (input) =>
        input.message.nummer === '305'
          ? {
              action: 'suppress',
              reasons: [
                { rule: 'taakgericht-minimaal-305', text: 'no regieberichten under this contract', severity: 'warning', contractId: 'C-1' },
              ],
              tags: [],
              contractIds: ['C-1'],
              items: [],
              variant: 'taakgericht',
            }
          : input.message.nummer === '307'
            ? {
                action: 'refuse',
                reasons: [{ rule: 'no-contract', text: 'no contract found', severity: 'error', contractId: 'none' }],
                tags: [],
                contractIds: [],
                items: [],
              }
            : {
                action: 'route',
                addressee: input.counterparty,
                reasons: [{ rule: 'contract', text: 'ok', severity: 'info', contractId: 'C-2' }],
                tags: [],
                contractIds: ['C-2'],
                items: [],
                variant: 'outputgericht',
              },
    });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('suppress: journaled with reasons, never in the postbus, counted by variant', async () => {
    const r = await post(gw, sample('JW305'), KEYS.aanbieder65656055);
    expect(r.status).toBe(202);
    expect(r.json()).toMatchObject({ status: 'onderdrukt', decision: { action: 'suppress', reasons: [{ contractId: 'C-1' }] } });
    expect((await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.gemeente0363 })).json().items).toEqual([]);
    // the header's Ontvanger cannot read a suppressed bericht; the sender can
    expect((await call(gw, 'GET', `/api/v1/berichten/${r.json().id}`, { key: KEYS.gemeente0363 })).status).toBe(403);
    const h = (await call(gw, 'GET', `/api/v1/berichten/${r.json().id}`, { key: KEYS.aanbieder65656055 })).json();
    expect(h.history.map((x: { status: string }) => x.status)).toEqual(['ontvangen', 'gevalideerd', 'besloten', 'onderdrukt']);
    expect((await call(gw, 'GET', '/metrics')).text).toMatch(
      /sluis_decisions_total\{action="suppress",bericht="JW305",variant="taakgericht"\} 1/,
    );
  });

  it('refuse: journaled as geweigerd, not delivered', async () => {
    const r = await post(gw, sample('JW307'), KEYS.aanbieder65656055);
    expect(r.json()).toMatchObject({ status: 'geweigerd', decision: { action: 'refuse' } });
    expect((await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.gemeente0363 })).json().items).toEqual([]);
  });

  it('route: to the decided addressee', async () => {
    const r = await post(gw, sample('JW319'), KEYS.gemeente0384); // 0384 → 65656055
    expect(r.json()).toMatchObject({ status: 'klaargezet', decision: { action: 'route', addressee: '65656055' } });
    expect((await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.aanbieder65656055 })).json().items).toHaveLength(1);
  });
});

describe('a failing retour builder does not lose the bericht', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway('pglite', {
      buildRetour: () => {
        throw Object.assign(new Error('model mismatch'), { code: 'model-mismatch' });
      },
    });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('journals the L2 failure as afgekeurd without retour, naming the builder error', async () => {
    const bad = withIdentificatie(sample('JW301'), 'RB1').replace(/<jw301:Bsn>[0-9]{9}/, '<jw301:Bsn>999999999');
    const r = await post(gw, bad, KEYS.gemeente0384);
    expect(r.status).toBe(202);
    const b = r.json();
    expect(b.status).toBe('afgekeurd');
    expect(b.retour).toBeUndefined();
    expect(b.issues.length).toBeGreaterThan(0);
    const h = (await call(gw, 'GET', `/api/v1/berichten/${b.id}`, { key: KEYS.gemeente0384 })).json();
    expect(h.history.at(-1)).toMatchObject({ status: 'afgekeurd', detail: { retourError: 'model-mismatch' } });
  });
});
