/**
 * Mutual TLS through the running gateway, with a test PKI made now by the openssl CLI: a client
 * certificate named in the parties config (by subject serialNumber as PKIoverheid carries the OIN, or by
 * fingerprint) authenticates as its party on every route; an unknown certificate, one from another CA
 * (even with a configured OIN or a pinned fingerprint), or none at all gets 401 problem+json; API keys
 * still work over TLS and decide when sent; and plain HTTP stays the default.
 */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../../src/app/settings.js';
import { hashApiKey, parsePartiesConfig, type PartiesConfig } from '../../src/config/parties.js';
import { makeZip } from '../support/zip.js';
import { TestPki, hasOpenssl, type TestCert } from '../support/test-ca.js';
import { KEYS, STORES, call, sample, startGateway, testBsns, withBsn, withIdentificatie, type Gateway, type Json } from './harness.js';

const OIN_0384 = '00000001001234567000';

interface TlsRes {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Json;
}

/** One request over TLS (a fresh connection each: no session reused across client certificates). */
function tlsCall(
  url: string,
  ca: TestCert,
  method: string,
  path: string,
  o: { client?: TestCert; key?: string; body?: Uint8Array | string; contentType?: string } = {},
): Promise<TlsRes> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const headers: Record<string, string> = {};
    if (o.key) headers.authorization = `Bearer ${o.key}`;
    if (o.body !== undefined) headers['content-type'] = o.contentType ?? 'application/xml';
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path,
        method,
        headers,
        ca: ca.cert,
        agent: false,
        ...(o.client ? { cert: o.client.cert, key: o.client.key } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : undefined });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

describe('the openssl CLI', () => {
  it('is there (the test PKI is made with it)', () => {
    expect(hasOpenssl()).toBe(true);
  });
});

describe.each(STORES)('mutual TLS on %s', (store) => {
  const pki = new TestPki();
  let gw: Gateway;
  let ca: TestCert;
  let gemeente: TestCert;
  let aanbieder: TestCert;
  let unknown: TestCert;
  let foreign: TestCert;
  const bsns = testBsns(3);

  beforeAll(async () => {
    ca = pki.ca('Sluis Test CA');
    const other = pki.ca('Another CA');
    const server = pki.issue(ca, '/CN=127.0.0.1', 'server');
    gemeente = pki.issue(ca, `/O=Gemeente Test/serialNumber=${OIN_0384}/CN=backoffice.gemeente.test`, 'client');
    aanbieder = pki.issue(ca, '/O=Aanbieder Test/CN=zorg.aanbieder.test', 'client');
    unknown = pki.issue(ca, '/O=Nobody/serialNumber=00000001009999999000/CN=nobody.test', 'client');
    // Another CA's certificate with the gemeente's OIN, and pinned by fingerprint for 0363 below.
    foreign = pki.issue(other, `/O=Impostor/serialNumber=${OIN_0384}/CN=impostor.test`, 'client');
    const parties: PartiesConfig = parsePartiesConfig(
      {
        clientKeySecret: 'test-client-key-secret-0123456789',
        parties: [
          {
            role: 'gemeente',
            code: '0384',
            name: 'Test gemeente 0384',
            apiKeys: [{ id: 't', sha256: hashApiKey(KEYS.gemeente0384) }],
            certificates: [{ id: 'pkio', serialNumber: OIN_0384 }],
          },
          { role: 'gemeente', code: '0363', name: 'Test gemeente 0363', certificates: [{ id: 'pinned', sha256: foreign.fingerprint }] },
          {
            role: 'aanbieder',
            code: '42420001',
            name: 'Test aanbieder',
            apiKeys: [{ id: 't', sha256: hashApiKey(KEYS.aanbieder42420001) }],
            certificates: [{ id: 'fp', sha256: aanbieder.fingerprint }],
          },
        ],
        operators: [{ name: 'beheer', apiKeys: [{ id: 't', sha256: hashApiKey(KEYS.operator) }] }],
      },
      'mtls-test',
    );
    gw = await startGateway(store, {
      parties,
      env: { SLUIS_TLS_CERT: server.certFile, SLUIS_TLS_KEY: server.keyFile, SLUIS_TLS_CLIENT_CA: ca.certFile },
    });
  });
  afterAll(async () => {
    await gw?.close();
    pki.remove();
  });

  const j301 = (id: string, bsn: string): string => withBsn(withIdentificatie(sample('JW301'), id), bsn);

  let posted = '';
  it('listens with TLS; a known certificate (subject serialNumber) posts as its gemeente', async () => {
    expect(gw.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = await tlsCall(gw.url, ca, 'POST', '/api/v1/berichten', { client: gemeente, body: j301('MT1', bsns[0]!) });
    expect(r.status, JSON.stringify(r.json)).toBe(202);
    expect(r.json).toMatchObject({ bericht: 'JW301', status: 'klaargezet' });
    posted = r.json.id as string;
  });

  it('a known certificate (fingerprint) reads as its aanbieder, on other routes too', async () => {
    const box = await tlsCall(gw.url, ca, 'GET', '/api/v1/postbus', { client: aanbieder });
    expect(box.status).toBe(200);
    expect(box.json.items.map((i: Json) => i.id)).toContain(posted);
    const batch = await tlsCall(gw.url, ca, 'POST', '/api/v1/batches', {
      client: gemeente,
      body: makeZip([{ name: 'a.xml', text: j301('MT2', bsns[1]!) }]),
      contentType: 'application/zip',
    });
    expect(batch.status).toBe(201);
    expect(batch.json).toMatchObject({ submittedBy: '0384', counts: { accepted: 1 } });
    // The batch belongs to the gemeente whichever way it authenticates.
    expect((await tlsCall(gw.url, ca, 'GET', `/api/v1/batches/${batch.json.id as string}`, { key: KEYS.gemeente0384 })).status).toBe(200);
    expect((await tlsCall(gw.url, ca, 'GET', `/api/v1/batches/${batch.json.id as string}`, { client: aanbieder })).status).toBe(403);
  });

  it('refuses with 401 problem+json: an unknown certificate, another CA’s (configured OIN or pinned fingerprint), none', async () => {
    for (const [what, client] of [
      ['unknown', unknown],
      ['foreign CA, configured OIN and pinned fingerprint', foreign],
      ['no certificate', undefined],
    ] as const) {
      const r = await tlsCall(gw.url, ca, 'POST', '/api/v1/berichten', { ...(client ? { client } : {}), body: j301('MT3', bsns[2]!) });
      expect([what, r.status, r.headers['content-type'], r.json.type]).toEqual([
        what,
        401,
        'application/problem+json',
        'urn:sluis:problem:unauthorized',
      ]);
      const read = await tlsCall(gw.url, ca, 'GET', `/api/v1/berichten/${posted}`, client ? { client } : {});
      expect(read.status).toBe(401);
    }
    // Why, so a client can tell its certificate was seen: not configured, or not verified (another CA).
    const unknownRead = await tlsCall(gw.url, ca, 'GET', '/api/v1/postbus', { client: unknown });
    expect(unknownRead.json.detail).toBe('the client certificate is not configured for any party');
    const foreignRead = await tlsCall(gw.url, ca, 'GET', '/api/v1/postbus', { client: foreign });
    expect(foreignRead.json.detail).toMatch(/^the client certificate did not verify against the CA bundle \(UNABLE_TO_[A-Z_]+\)$/);
    const noneRead = await tlsCall(gw.url, ca, 'GET', '/api/v1/postbus', {});
    expect(noneRead.json.detail).toMatch(/^send Authorization/);
  });

  it('API keys still work over TLS, and an Authorization header decides over a certificate', async () => {
    const byKey = await tlsCall(gw.url, ca, 'GET', `/api/v1/berichten/${posted}`, { key: KEYS.aanbieder42420001 });
    expect(byKey.status).toBe(200);
    expect((await tlsCall(gw.url, ca, 'GET', '/api/v1/berichten?limit=1', { key: KEYS.operator })).status).toBe(200);
    const wrongKey = await tlsCall(gw.url, ca, 'GET', `/api/v1/berichten/${posted}`, { client: gemeente, key: 'not-a-key-0123456789' });
    expect([wrongKey.status, wrongKey.json.detail]).toEqual([401, 'the API key is not known']);
    // The aanbieder's key over the gemeente's certificate: the key's party, which may read what was routed to it.
    const otherKey = await tlsCall(gw.url, ca, 'GET', '/api/v1/postbus', { client: gemeente, key: KEYS.aanbieder42420001 });
    expect(otherKey.status).toBe(200);
  });
});

describe('plain HTTP stays the default', () => {
  it('settings without SLUIS_TLS_* have no TLS, and half a TLS setting is refused', () => {
    expect(settingsFromEnv({}, '/tmp').tls).toBeUndefined();
    expect(() => settingsFromEnv({ SLUIS_TLS_CERT: 'c.pem' }, '/tmp')).toThrow(/SLUIS_TLS_CERT and SLUIS_TLS_KEY go together/);
    expect(() => settingsFromEnv({ SLUIS_TLS_CLIENT_CA: 'ca.pem' }, '/tmp')).toThrow(/needs TLS/);
    expect(settingsFromEnv({ SLUIS_TLS_CERT: 'c.pem', SLUIS_TLS_KEY: 'k.pem' }, '/tmp').tls).toEqual({
      certFile: '/tmp/c.pem',
      keyFile: '/tmp/k.pem',
    });
  });
  it('a gateway started without them answers plain HTTP', async () => {
    const gw = await startGateway('pglite');
    try {
      expect(gw.url).toMatch(/^http:\/\//);
      expect((await call(gw, 'GET', '/health/live')).status).toBe(200);
    } finally {
      await gw.close();
    }
  });
});
