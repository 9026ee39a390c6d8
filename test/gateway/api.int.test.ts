/**
 * The gateway over real HTTP, on PGlite and on PostgreSQL: every endpoint, every bad-input case
 * (status, problem type, and the store unchanged after a refused request), idempotency, retour
 * direction, postbus paging and ontvangst, health, metrics, and the BSN grep over all logs.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KEYS,
  STORES,
  call,
  post,
  sample,
  startGateway,
  storeCounts,
  testBsns,
  withBsn,
  withIdentificatie,
  type Gateway,
} from './harness.js';

const TYPE = (slug: string): string => `urn:sluis:problem:${slug}`;

/** POST a body of `size` bytes with node:http (fetch may abort when the server answers early). */
function postRaw(url: string, key: string, size: number, chunked: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${url}/api/v1/berichten`);
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'content-type': 'application/xml' };
    if (!chunked) headers['content-length'] = String(size);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', () => undefined); // the server may close while we still write; the response already came
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const write = (): void => {
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

describe.each(STORES)('gateway API on %s', (store) => {
  let gw: Gateway;
  const bsns = testBsns(6);
  const used = new Set<string>();
  const j301 = (id: string, bsn = bsns[0]!): string => {
    used.add(bsn);
    return withBsn(withIdentificatie(sample('JW301'), id), bsn);
  };

  beforeAll(async () => {
    gw = await startGateway(store);
  });
  afterAll(async () => {
    await gw?.close();
  });

  let firstId = '';
  it('accepts a valid 301 from its sender: 202, routed to the header Ontvanger, API-Version header', async () => {
    const r = await post(gw, j301('A1'), KEYS.gemeente0384);
    expect(r.status).toBe(202);
    expect(r.headers.get('api-version')).toBe('1.0.0');
    const b = r.json();
    expect(b).toMatchObject({
      standard: 'ijw',
      bericht: 'JW301',
      status: 'klaargezet',
      decision: { action: 'route', addressee: '42420001' },
    });
    expect(b.decision.reasons[0].rule).toBe('no-contract-registry');
    expect(r.headers.get('location')).toBe(`/api/v1/berichten/${b.id}`);
    firstId = b.id;
  });

  it('GET /berichten/{id}: history, decision, links; readable by sender, addressee and operator only', async () => {
    const r = await call(gw, 'GET', `/api/v1/berichten/${firstId}`, { key: KEYS.gemeente0384 });
    expect(r.status).toBe(200);
    const b = r.json();
    expect(b.history.map((h: { status: string }) => h.status)).toEqual(['ontvangen', 'gevalideerd', 'besloten', 'klaargezet']);
    expect(b).toMatchObject({
      sender: '0384',
      addressee: '42420001',
      identificatie: 'A1',
      links: { xml: `/api/v1/berichten/${firstId}/xml` },
    });
    expect(JSON.stringify(b)).not.toContain(bsns[0]);
    expect((await call(gw, 'GET', `/api/v1/berichten/${firstId}`, { key: KEYS.aanbieder42420001 })).status).toBe(200);
    expect((await call(gw, 'GET', `/api/v1/berichten/${firstId}`, { key: KEYS.operator })).status).toBe(200);
    const other = await call(gw, 'GET', `/api/v1/berichten/${firstId}`, { key: KEYS.gemeente0363 });
    expect(other.status).toBe(403);
    expect(other.json().type).toBe(TYPE('forbidden'));
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(gw, 'GET', `/api/v1/berichten/${firstId}`)).json().type).toBe(TYPE('unauthorized'));
    expect((await call(gw, 'GET', '/api/v1/berichten/01ARZ3NDEKTSV4RRFFQ69G5FAV', { key: KEYS.operator })).json().type).toBe(
      TYPE('not-found'),
    );
    expect((await call(gw, 'GET', '/api/v1/berichten/nonsense', { key: KEYS.operator })).status).toBe(404);
  });

  it('GET /berichten/{id}/xml returns the raw bytes; /retour is 404 when Sluis made none', async () => {
    const r = await call(gw, 'GET', `/api/v1/berichten/${firstId}/xml`, { key: KEYS.aanbieder42420001 });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/xml');
    expect(r.text).toBe(j301('A1'));
    expect((await call(gw, 'GET', `/api/v1/berichten/${firstId}/retour`, { key: KEYS.gemeente0384 })).status).toBe(404);
  });

  it('postbus: cursor-paged, in order, items stay until ontvangst', async () => {
    const second = (await post(gw, j301('A2', bsns[1]!), KEYS.gemeente0384)).json().id as string;
    const page1 = await call(gw, 'GET', '/api/v1/postbus?limit=1', { key: KEYS.aanbieder42420001 });
    expect(page1.status).toBe(200);
    const p1 = page1.json();
    expect(p1.items.map((i: { id: string }) => i.id)).toEqual([firstId]);
    expect(p1.next).toEqual(expect.any(String));
    const p2 = (await call(gw, 'GET', `/api/v1/postbus?limit=1&after=${p1.next}`, { key: KEYS.aanbieder42420001 })).json();
    expect(p2.items.map((i: { id: string }) => i.id)).toEqual([second]);
    const p3 = (await call(gw, 'GET', `/api/v1/postbus?limit=1&after=${p2.next}`, { key: KEYS.aanbieder42420001 })).json();
    expect(p3).toEqual({ items: [], next: null });
    // the gemeente's postbus does not hold what it sent
    expect((await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.gemeente0384 })).json().items).toEqual([]);
    // unconfirmed items stay
    expect((await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.aanbieder42420001 })).json().items).toHaveLength(2);
    // someone else cannot confirm it
    expect((await call(gw, 'POST', `/api/v1/postbus/${firstId}/ontvangst`, { key: KEYS.aanbieder65656055 })).status).toBe(404);
    const c = await call(gw, 'POST', `/api/v1/postbus/${firstId}/ontvangst`, { key: KEYS.aanbieder42420001 });
    expect(c.status).toBe(200);
    expect(c.json()).toMatchObject({ id: firstId, confirmed: true, alreadyConfirmed: false });
    expect((await call(gw, 'POST', `/api/v1/postbus/${firstId}/ontvangst`, { key: KEYS.aanbieder42420001 })).json().alreadyConfirmed).toBe(
      true,
    );
    const rest = (await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.aanbieder42420001 })).json();
    expect(rest.items.map((i: { id: string }) => i.id)).toEqual([second]);
    const h = (await call(gw, 'GET', `/api/v1/berichten/${firstId}`, { key: KEYS.operator })).json();
    expect(h.status).toBe('afgeleverd');
    expect(h.history.at(-1).status).toBe('afgeleverd');
    await call(gw, 'POST', `/api/v1/postbus/${second}/ontvangst`, { key: KEYS.aanbieder42420001 });
  });

  it('postbus: bad cursor/limit are 400, operators have none (403), no key 401', async () => {
    expect((await call(gw, 'GET', '/api/v1/postbus?after=xyz', { key: KEYS.aanbieder42420001 })).json().type).toBe(TYPE('bad-request'));
    expect((await call(gw, 'GET', '/api/v1/postbus?limit=0', { key: KEYS.aanbieder42420001 })).status).toBe(400);
    expect((await call(gw, 'GET', '/api/v1/postbus?limit=5000', { key: KEYS.aanbieder42420001 })).status).toBe(400);
    expect((await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.operator })).status).toBe(403);
    expect((await call(gw, 'GET', '/api/v1/postbus')).status).toBe(401);
    expect((await call(gw, 'POST', `/api/v1/postbus/${firstId}/ontvangst`)).status).toBe(401);
  });

  it('a retourbericht is sent by the header Ontvanger (FACTS §4.2) and goes to the Afzender', async () => {
    const xml = sample('JW302');
    const wrong = await post(gw, xml, KEYS.gemeente0384);
    expect(wrong.status).toBe(403);
    expect(wrong.json().type).toBe(TYPE('forbidden-sender'));
    const r = await post(gw, xml, KEYS.aanbieder42420001);
    expect(r.status).toBe(202);
    expect(r.json().decision.addressee).toBe('0384');
    const pb = (await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.gemeente0384 })).json();
    expect(pb.items.map((i: { id: string }) => i.id)).toContain(r.json().id);
  });

  it('TR056: a byte-identical re-post returns the first outcome; different content gets a retour with 9056', async () => {
    const xml = j301('IDEM1', bsns[2]!);
    const a = await post(gw, xml, KEYS.gemeente0384);
    const before = await storeCounts(gw.db);
    const b = await post(gw, xml, KEYS.gemeente0384);
    expect(b.status).toBe(202);
    expect(b.headers.get('sluis-idempotent-replay')).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    expect(await storeCounts(gw.db)).toEqual(before);
    const changed = await post(gw, xml.replace('Commentaar client', 'Ander commentaar'), KEYS.gemeente0384);
    expect(changed.status).toBe(202);
    const c = changed.json();
    expect(c.status).toBe('afgekeurd');
    expect(c.duplicateOf).toBe(a.json().id);
    expect(c.issues.map((i: { rule: string }) => i.rule)).toEqual(['TR056']);
    expect(c.retour).toContain('<jw302:RetourCode>9056</jw302:RetourCode>');
    // the retour is retrievable later, and waits in the sender's postbus
    const later = await call(gw, 'GET', `/api/v1/berichten/${c.id}/retour`, { key: KEYS.gemeente0384 });
    expect(later.text).toBe(c.retour);
    const pb = (await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.gemeente0384 })).json();
    expect(pb.items.find((i: { id: string }) => i.id === c.id)).toMatchObject({
      kind: 'retour',
      links: { xml: `/api/v1/berichten/${c.id}/retour` },
    });
  });

  it('TR056: re-posting the same conflicting bytes answers the existing 9056, not a new retour each time', async () => {
    const xml = j301('IDEM9', bsns[2]!);
    const a = (await post(gw, xml, KEYS.gemeente0384)).json();
    const conflicting = xml.replace('Commentaar client', 'Nog ander commentaar');
    const first = await post(gw, conflicting, KEYS.gemeente0384);
    expect(first.json()).toMatchObject({ status: 'afgekeurd', duplicateOf: a.id });
    const before = await storeCounts(gw.db);
    const second = await post(gw, conflicting, KEYS.gemeente0384);
    expect(second.status).toBe(202);
    expect(second.headers.get('sluis-idempotent-replay')).toBe('true');
    expect(second.json()).toMatchObject({ id: first.json().id, status: 'afgekeurd', duplicateOf: a.id, retour: first.json().retour });
    expect(await storeCounts(gw.db)).toEqual(before);
    // Other conflicting bytes are another 9056 of their own.
    const third = (await post(gw, xml.replace('Commentaar client', 'Derde commentaar'), KEYS.gemeente0384)).json();
    expect(third.id).not.toBe(first.json().id);
    expect(third.duplicateOf).toBe(a.id);
  });

  it('concurrent twins: exactly one is journaled as the original', async () => {
    const xml = j301('TWIN1', bsns[3]!);
    const rs = await Promise.all(Array.from({ length: 8 }, () => post(gw, xml, KEYS.gemeente0384)));
    expect(rs.every((r) => r.status === 202)).toBe(true);
    expect(new Set(rs.map((r) => r.json().id)).size).toBe(1);
    const n = await gw.db.query<{ n: string | number }>("SELECT count(*) AS n FROM journal WHERE identificatie = 'TWIN1'");
    expect(Number(n.rows[0]!.n)).toBe(1);
  });

  it('an L2 failure is accepted (202, afgekeurd) and answered with the retourbericht 0001; not delivered', async () => {
    const bad = j301('L2FAIL', '999999999'); // fictitious; fails the elfproef (CS002) but matches the XSD pattern
    const r = await post(gw, bad, KEYS.gemeente0384);
    expect(r.status).toBe(202);
    const b = r.json();
    expect(b.status).toBe('afgekeurd');
    expect(b.issues.length).toBeGreaterThan(0);
    expect(b.issues.every((i: { level: string }) => i.level === 'L2')).toBe(true);
    expect(b.retour).toContain('<jw302:RetourCode>0001</jw302:RetourCode>');
    expect(b.retour).not.toContain('999999999');
    const asXml = await post(gw, bad, KEYS.gemeente0384, { accept: 'application/xml' });
    expect(asXml.headers.get('content-type')).toContain('application/xml');
    expect(asXml.text).toBe(b.retour);
    const pb = (await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.aanbieder42420001 })).json();
    expect(pb.items.map((i: { id: string }) => i.id)).not.toContain(b.id);
  });

  describe('bad input: own problem type, nothing stored', () => {
    const valid = (): string => j301('BAD1', bsns[4]!);
    const cases: [string, () => Promise<{ status: number; type: string }>, number, string][] = [
      ['malformed XML', async () => pj(await post(gw, valid().slice(0, 900), KEYS.gemeente0384)), 400, 'malformed-xml'],
      [
        'DOCTYPE with entities (billion laughs)',
        async () =>
          pj(
            await post(
              gw,
              '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
              KEYS.gemeente0384,
            ),
          ),
        400,
        'doctype-forbidden',
      ],
      [
        'XXE external entity',
        async () =>
          pj(await post(gw, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', KEYS.gemeente0384)),
        400,
        'doctype-forbidden',
      ],
      [
        'unknown namespace',
        async () =>
          pj(
            await post(
              gw,
              valid().replaceAll('http://www.istandaarden.nl/ijw/3_2/jw301/schema', 'http://example.org/jw301'),
              KEYS.gemeente0384,
            ),
          ),
        400,
        'unknown-namespace',
      ],
      [
        'unknown BerichtCode',
        async () => pj(await post(gw, valid().replace('<jw301:BerichtCode>436', '<jw301:BerichtCode>999'), KEYS.gemeente0384)),
        400,
        'unknown-bericht-code',
      ],
      [
        'wrong BerichtVersie',
        async () => pj(await post(gw, valid().replace('<jw301:BerichtVersie>3', '<jw301:BerichtVersie>2'), KEYS.gemeente0384)),
        400,
        'wrong-version',
      ],
      [
        'other XSD failure',
        async () => pj(await post(gw, valid().replace(/<jw301:Geslacht>1<\/jw301:Geslacht>/, ''), KEYS.gemeente0384)),
        400,
        'schema-invalid',
      ],
      [
        'invalid UTF-8',
        async () =>
          pj(
            await post(
              gw,
              Buffer.concat([Buffer.from(valid().slice(0, 200)), Buffer.from([0xc3, 0x28]), Buffer.from(valid().slice(200))]),
              KEYS.gemeente0384,
            ),
          ),
        400,
        'encoding',
      ],
      [
        'byte order mark',
        async () => pj(await post(gw, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid())]), KEYS.gemeente0384)),
        400,
        'encoding',
      ],
      [
        'wrong content type',
        async () => pj(await post(gw, valid(), KEYS.gemeente0384, { contentType: 'text/plain' })),
        415,
        'unsupported-media-type',
      ],
      [
        'JSON content type',
        async () => pj(await post(gw, valid(), KEYS.gemeente0384, { contentType: 'application/json' })),
        415,
        'unsupported-media-type',
      ],
      [
        'non-UTF-8 charset',
        async () => pj(await post(gw, valid(), KEYS.gemeente0384, { contentType: 'application/xml; charset=iso-8859-1' })),
        415,
        'unsupported-media-type',
      ],
      ['sender is not the authenticated party', async () => pj(await post(gw, valid(), KEYS.gemeente0363)), 403, 'forbidden-sender'],
      ['an aanbieder posting a gemeente bericht', async () => pj(await post(gw, valid(), KEYS.aanbieder42420001)), 403, 'forbidden-sender'],
      ['operator posting', async () => pj(await post(gw, valid(), KEYS.operator)), 403, 'forbidden-sender'],
      ['missing key', async () => pj(await call(gw, 'POST', '/api/v1/berichten', { body: valid() })), 401, 'unauthorized'],
      ['unknown key', async () => pj(await post(gw, valid(), 'not-a-configured-key')), 401, 'unauthorized'],
      [
        'body over 25 MB (Content-Length)',
        async () => pr(await postRaw(gw.url, KEYS.gemeente0384, 25 * 1024 * 1024 + 1, false)),
        413,
        'payload-too-large',
      ],
      [
        'body over 25 MB (chunked)',
        async () => pr(await postRaw(gw.url, KEYS.gemeente0384, 26 * 1024 * 1024, true)),
        413,
        'payload-too-large',
      ],
    ];
    it.each(cases)('%s', async (_name, run, status, slug) => {
      const before = await storeCounts(gw.db);
      const r = await run();
      expect(r.status).toBe(status);
      expect(r.type).toBe(TYPE(slug));
      expect(await storeCounts(gw.db)).toEqual(before);
      // and the process keeps running
      expect((await call(gw, 'GET', '/health/live')).status).toBe(200);
    });

    it('an L1 failure lists every issue with path and code', async () => {
      const r = await post(gw, valid().replaceAll('<ijw:LandCode>NL', '<ijw:LandCode>ZZZ'), KEYS.gemeente0384);
      expect(r.status).toBe(400);
      const b = r.json();
      expect(b.issues.length).toBe(4); // the four addresses of the sample
      for (const i of b.issues) expect(i).toMatchObject({ level: 'L1', path: expect.stringMatching(/^\//), code: expect.any(String) });
    });
  });

  it('GET /berichten searches in arrival order: operators see all, a party only its own; filters and paging', async () => {
    const all = (await call(gw, 'GET', '/api/v1/berichten?limit=1000', { key: KEYS.operator })).json();
    const n = await gw.db.query<{ n: string | number }>('SELECT count(*) AS n FROM journal');
    expect(all.items).toHaveLength(Number(n.rows[0]!.n));
    const ids = all.items.map((i: { id: string }) => i.id);
    expect([...ids].sort()).toEqual(ids);
    const mine = (await call(gw, 'GET', '/api/v1/berichten?limit=1000', { key: KEYS.aanbieder42420001 })).json();
    expect(mine.items.length).toBeGreaterThan(0);
    for (const i of mine.items) expect([i.sender, i.addressee]).toContain('42420001');
    expect((await call(gw, 'GET', '/api/v1/berichten?limit=1000', { key: KEYS.gemeente0363 })).json().items).toEqual([]);
    const a1 = (await call(gw, 'GET', '/api/v1/berichten?identificatie=A1', { key: KEYS.operator })).json();
    expect(a1.items.map((i: { id: string }) => i.id)).toEqual([firstId]);
    const rejected = (await call(gw, 'GET', '/api/v1/berichten?status=afgekeurd&bericht=JW301', { key: KEYS.operator })).json();
    expect(rejected.items.length).toBeGreaterThanOrEqual(2);
    for (const i of rejected.items) expect(i).toMatchObject({ status: 'afgekeurd', bericht: 'JW301' });
    const p1 = (await call(gw, 'GET', '/api/v1/berichten?limit=2', { key: KEYS.operator })).json();
    const p2 = (await call(gw, 'GET', `/api/v1/berichten?limit=2&after=${p1.next}`, { key: KEYS.operator })).json();
    expect([...p1.items, ...p2.items].map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 4));
    expect((await call(gw, 'GET', '/api/v1/berichten?from=2000-01-01&to=2000-01-02', { key: KEYS.operator })).json().items).toEqual([]);
    for (const q of ['status=nope', 'bericht=X1', 'afzender=12', 'limit=0', 'after=zz', 'from=yesterday']) {
      expect((await call(gw, 'GET', `/api/v1/berichten?${q}`, { key: KEYS.operator })).json().type, q).toBe(TYPE('bad-request'));
    }
    expect((await call(gw, 'GET', '/api/v1/berichten')).status).toBe(401);
  });

  it('routing: unknown route 404, wrong method 405 (problem+json)', async () => {
    const a = await call(gw, 'GET', '/api/v1/nothing', { key: KEYS.operator });
    expect(a.status).toBe(404);
    expect(a.json().type).toBe(TYPE('not-found'));
    const b = await call(gw, 'DELETE', '/api/v1/berichten', { key: KEYS.operator });
    expect(b.status).toBe(405);
    expect(b.json().type).toBe(TYPE('method-not-allowed'));
  });

  it('health and metrics', async () => {
    expect((await call(gw, 'GET', '/health/live')).json()).toEqual({ status: 'up' });
    expect((await call(gw, 'GET', '/health/ready')).json()).toEqual({ status: 'up' });
    const m = await call(gw, 'GET', '/metrics');
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toContain('text/plain');
    expect(m.text).toMatch(/sluis_berichten_total\{bericht="JW301",outcome="klaargezet",standard="ijw"\} \d+/);
    expect(m.text).toMatch(/sluis_decisions_total\{action="route",bericht="JW301",variant="none"\} \d+/);
    expect(m.text).toMatch(/sluis_ingest_duration_seconds_bucket\{outcome="klaargezet",le="0.05"\} \d+/);
    expect(m.text).toContain('sluis_outbox_backlog');
    expect(m.text).toMatch(/sluis_berichten_total\{bericht="unknown",outcome="payload-too-large",standard="unknown"\} 2/);
  });

  it('privacy: no BSN used in this run appears in any log line, metric or summary; one log line per bericht outcome', async () => {
    used.add('999999999');
    for (const s of ['JW301', 'JW302']) for (const m of sample(s).matchAll(/<[a-z0-9]+:Bsn>([0-9]{9})</g)) used.add(m[1]!);
    const all = gw.logs.join('');
    for (const bsn of used) expect(all).not.toContain(bsn);
    const metrics = (await call(gw, 'GET', '/metrics')).text;
    for (const bsn of used) expect(metrics).not.toContain(bsn);
    const summaries = await gw.db.query<{ s: string }>('SELECT summary::text AS s, decision::text AS d, issues::text AS i FROM journal');
    for (const bsn of used) expect(JSON.stringify(summaries.rows)).not.toContain(bsn);
    const lines = gw.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'bericht');
    const journaled = await gw.db.query<{ id: string }>('SELECT id FROM journal');
    for (const row of journaled.rows) expect(lines.some((l) => l.id === row.id)).toBe(true);
    for (const l of lines) expect(l).toHaveProperty('latencyMs');
  });
});

function pj(r: { status: number; json: () => { type: string } }): { status: number; type: string } {
  return { status: r.status, type: r.json().type };
}
function pr(r: { status: number; body: string }): { status: number; type: string } {
  return { status: r.status, type: (JSON.parse(r.body) as { type: string }).type };
}
