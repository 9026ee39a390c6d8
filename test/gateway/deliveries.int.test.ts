/**
 * The berichten search newest first and by decision rule, contract and partij, unknown filters
 * refused; and the failed deliveries (GET /api/v1/deliveries?status=failed, POST
 * /api/v1/deliveries/{id}/redeliver): operators only, the last error shown, a redelivery that then
 * succeeds, on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORES, call, type Json } from './harness.js';
import { CONSOLE_KEYS, startConsoleFixture, type ConsoleFixture } from '../console/fixture.js';
import { until } from '../support/until.js';

const START = new Date('2026-11-04T09:00:00Z');

describe.each(STORES)('search filters and failed deliveries on %s', (store) => {
  let fx: ConsoleFixture;
  const get = (path: string, key: string = CONSOLE_KEYS.operator) => call(fx.gw, 'GET', path, { key });
  beforeAll(async () => {
    fx = await startConsoleFixture(store, START);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('searches newest first, by decision rule, by contract and by partij; oldest first stays the default', async () => {
    const ids = (r: { json(): Json }): string[] => r.json().items.map((i: Json) => i.id);
    const { toewijzing, declaratie, verzoek } = fx.ids;
    expect(ids(await get('/api/v1/berichten'))).toEqual([toewijzing, declaratie, verzoek]);
    expect(ids(await get('/api/v1/berichten?order=newest'))).toEqual([verzoek, declaratie, toewijzing]);
    const page1 = await get('/api/v1/berichten?order=newest&limit=2');
    expect(ids(page1)).toEqual([verzoek, declaratie]);
    expect(ids(await get(`/api/v1/berichten?order=newest&limit=2&after=${page1.json().next}`))).toEqual([toewijzing]);
    expect(ids(await get('/api/v1/berichten?rule=TM-DECL'))).toEqual([declaratie]);
    expect(ids(await get('/api/v1/berichten?contract=DEMO-0363-JW-INTEGRAAL-TG'))).toEqual([declaratie]);
    expect(ids(await get('/api/v1/berichten?contract=DEMO-0363-JW-OG'))).toEqual([toewijzing, verzoek].sort());
    expect(ids(await get('/api/v1/berichten?partij=42420001'))).toEqual([]);
    // a party's own scope still applies: the suppressed 323 was never routed to the gemeente
    expect(ids(await get('/api/v1/berichten?partij=41410017', CONSOLE_KEYS.gemeente0363))).toEqual([toewijzing, verzoek]);
    for (const q of ['?sort=newest', '?order=up', '?rule=a%20b', '?partij=12']) {
      const r = await get(`/api/v1/berichten${q}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('lists the failed webhook delivery with its last error, for operators only; redelivers it', async () => {
    const list = await get('/api/v1/deliveries?status=failed&channel=webhook');
    expect(list.status).toBe(200);
    const item = list.json().items.find((i: Json) => i.berichtId === fx.ids.toewijzing);
    expect(item).toMatchObject({ bericht: 'JW301', channel: 'webhook', destination: '41410017', attempts: 1 });
    expect(item.lastError).toMatch(/^HTTP 503 from 127\.0\.0\.1:\d+$/);
    expect((await get('/api/v1/deliveries?status=failed', CONSOLE_KEYS.gemeente0363)).status).toBe(403);
    expect((await call(fx.gw, 'GET', '/api/v1/deliveries?status=failed')).status).toBe(401);
    for (const q of ['', '?status=pending', '?status=failed&channel=postbus', '?status=failed&after=x', '?status=failed&x=1'])
      expect((await get(`/api/v1/deliveries${q}`)).status, q).toBe(400);
    const party = await call(fx.gw, 'POST', `/api/v1/deliveries/${item.id}/redeliver`, { key: CONSOLE_KEYS.aanbieder41410017 });
    expect(party.status).toBe(403);
    fx.rx.failing = false;
    const r = await call(fx.gw, 'POST', `/api/v1/deliveries/${item.id}/redeliver`, { key: CONSOLE_KEYS.operator });
    expect(r.status).toBe(202);
    expect(r.json()).toEqual({ id: item.id, requeued: true });
    const b = await until(async () => {
      const x = (await get(`/api/v1/berichten/${fx.ids.toewijzing}`)).json();
      return x.status === 'afgeleverd' ? x : undefined;
    });
    expect(b.history.at(-1)).toMatchObject({ status: 'afgeleverd', detail: { via: 'webhook' } });
    const after = (await get('/api/v1/deliveries?status=failed')).json().items.map((i: Json) => i.id);
    expect(after).not.toContain(item.id);
    // not failed (any more): 409; unknown: 404
    const again = await call(fx.gw, 'POST', `/api/v1/deliveries/${item.id}/redeliver`, { key: CONSOLE_KEYS.operator });
    expect(again.status).toBe(409);
    expect(again.json().type).toBe('urn:sluis:problem:delivery-not-failed');
    expect((await call(fx.gw, 'POST', '/api/v1/deliveries/999999/redeliver', { key: CONSOLE_KEYS.operator })).status).toBe(404);
    expect((await call(fx.gw, 'POST', '/api/v1/deliveries/abc/redeliver', { key: CONSOLE_KEYS.operator })).status).toBe(404);
  });

  it('GET / sends a browser to the console', async () => {
    const r = await fetch(`${fx.gw.url}/`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/console');
  });
});
