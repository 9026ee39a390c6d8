/**
 * A client's mistake is a 400 naming what was wrong, never a 500: impossible dates in the berichten
 * search (V8 accepted them, PostgreSQL did not), unknown query parameters on every route, bad
 * contract filters; and a client that hangs up mid-upload is no internal error (no log line, no 500).
 */
import { request } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, STORES, call, sample, startGateway, type Gateway } from './harness.js';

const BAD_REQUEST = 'urn:sluis:problem:bad-request';

describe.each(STORES)('client mistakes on %s', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store, { env: { SLUIS_REGISTRY: resolve(import.meta.dirname, '../../config/demo.registry.json') } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('impossible dates in from/to are 400 naming the parameter (were 500)', async () => {
    for (const [q, name] of [
      ['from=2026-02-30%2000:00', 'from'],
      ['to=2026-04-31%2012:00', 'to'],
      ['from=2026-02-30', 'from'],
      ['to=2026-01-01T25:00Z', 'to'],
    ] as const) {
      const r = await call(gw, 'GET', `/api/v1/berichten?${q}`, { key: KEYS.operator });
      expect(r.status, q).toBe(400);
      expect(r.json()).toMatchObject({ type: BAD_REQUEST, detail: expect.stringMatching(new RegExp(`^${name}:`)) });
    }
    const ok = await call(gw, 'GET', '/api/v1/berichten?from=2026-02-28%2000:00&to=2026-04-30T12:00:00%2B02:00', { key: KEYS.operator });
    expect(ok.status).toBe(200);
    expect((await call(gw, 'GET', '/api/v1/berichten?limit=1e2', { key: KEYS.operator })).status).toBe(400);
    expect(gw.logs.join('')).not.toContain('internal-error');
  });

  it('every route refuses a query parameter it does not take, naming it', async () => {
    const cases: [string, string, string?][] = [
      ['GET', '/api/v1/berichten?limit=5&sort=desc', KEYS.operator],
      ['GET', '/api/v1/postbus?foo=1', KEYS.aanbieder42420001],
      ['GET', '/api/v1/openapi.json?format=yaml'],
      ['GET', '/health/live?x=1'],
      ['GET', '/health/ready?x=1'],
      ['GET', '/metrics?x=1'],
      ['GET', '/api/v1/contracten?wet=Wmo&gemeent=0363', KEYS.operator],
      ['POST', '/api/v1/replays?dry=1', KEYS.operator],
      ['POST', '/api/v1/postbus/01ARZ3NDEKTSV4RRFFQ69G5FAV/ontvangst?x=1', KEYS.aanbieder42420001],
      ['GET', '/api/v1/berichten/01ARZ3NDEKTSV4RRFFQ69G5FAV?x=1', KEYS.operator],
    ];
    for (const [method, path, key] of cases) {
      const r = await call(gw, method, path, key ? { key } : {});
      expect(r.status, path).toBe(400);
      const name = /[?&]([a-z]+)=[^&]*$/.exec(path)![1]!;
      expect(r.json(), path).toMatchObject({ type: BAD_REQUEST, detail: expect.stringContaining(`'${name}'`) });
    }
    expect((await call(gw, 'GET', '/api/v1/postbus?limit=1&limit=2', { key: KEYS.aanbieder42420001 })).status).toBe(400);
  });

  it('contract filters are parsed strictly', async () => {
    for (const q of ['peildatum=2026-02-30', 'peildatum=1-2-2027', 'wet=jeugd', 'gemeente=363'])
      expect((await call(gw, 'GET', `/api/v1/contracten?${q}`, { key: KEYS.operator })).json(), q).toMatchObject({
        type: BAD_REQUEST,
        detail: expect.stringContaining(q.split('=')[0]!),
      });
    expect((await call(gw, 'GET', '/api/v1/contracten?wet=Jeugdwet&peildatum=2026-02-28', { key: KEYS.operator })).status).toBe(200);
  });

  it('a client that disconnects during an upload is not an internal error', async () => {
    const u = new URL(gw.url);
    const xml = Buffer.from(sample('JW301'));
    await new Promise<void>((done) => {
      const req = request({
        host: u.hostname,
        port: u.port,
        method: 'POST',
        path: '/api/v1/berichten',
        headers: { authorization: `Bearer ${KEYS.gemeente0384}`, 'content-type': 'application/xml', 'content-length': String(xml.length) },
      });
      req.on('error', () => done());
      req.on('close', () => done());
      req.write(xml.subarray(0, 100), () => setTimeout(() => req.destroy(), 50));
    });
    await new Promise((r) => setTimeout(r, 100));
    const metrics = (await call(gw, 'GET', '/metrics')).text;
    expect(metrics).not.toMatch(/sluis_http_requests_total\{[^}]*status="500"/);
    expect(metrics).toMatch(/sluis_http_requests_total\{[^}]*route="\/api\/v1\/berichten"[^}]*status="499"/);
    expect(gw.logs.join('')).not.toMatch(/"level":50|internal-error/);
  });
});
