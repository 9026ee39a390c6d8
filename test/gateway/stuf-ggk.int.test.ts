/**
 * StUF-GGk through the running gateway (docs/stuf-ggk.md), on PGlite and PostgreSQL: the published
 * example Di01 envelopes, every Fo01 code the route can give provoked, each answer valid against the
 * StUF XSD (libxml2), and a gemeente configured for `stuf-ggk` receiving its berichten as Du01/Di01
 * on a local SOAP server that implements the WSDL's receiving side (validating with libxml2).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey, parsePartiesConfig, type PartiesConfig } from '../../src/config/parties.js';
import { EXAMPLES, GGK_XSD, STUF_XSD, libxmlErrors, soapBodyChild, soapRequest } from '../support/stuf-ggk.js';
import { KEYS, STORES, call, post, sample, startGateway, withBsn, withIdentificatie, type Gateway, type Res } from './harness.js';
import { until } from '../support/until.js';

const K0548 = 'test-key-gemeente-0548-0123456789abcdef';
const K75750042 = 'test-key-aanbieder-75750042-0123456789';
const PATH = '/stuf-ggk/OntvangAsynchroon';

function parties(endpoint: string): PartiesConfig {
  const party = (role: string, code: string, key: string, extra: Record<string, unknown> = {}) => ({
    role,
    code,
    name: `Test ${role} ${code}`,
    apiKeys: [{ id: 't', sha256: hashApiKey(key) }],
    ...extra,
  });
  return parsePartiesConfig(
    {
      clientKeySecret: 'test-client-key-secret-0123456789',
      parties: [
        party('gemeente', '0384', KEYS.gemeente0384, { channel: 'stuf-ggk', endpoint }),
        party('gemeente', '0363', KEYS.gemeente0363),
        party('gemeente', '0548', K0548),
        party('aanbieder', '42420001', KEYS.aanbieder42420001),
        party('aanbieder', '65656055', KEYS.aanbieder65656055),
        party('aanbieder', '75750042', K75750042),
      ],
      operators: [{ name: 'beheer', apiKeys: [{ id: 't', sha256: hashApiKey(KEYS.operator) }] }],
    },
    'stuf-ggk test',
  );
}

interface Got {
  action: string;
  root: string;
  envelope: string;
  xsd: string | undefined;
}

/** The back office's side of the WSDL: validates every envelope against ggk0310 and answers Bv03 (the first `failFirst` with a 503). */
async function backOffice(failFirst: number): Promise<{ server: Server; url: string; got: Got[] }> {
  const got: Got[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const text = Buffer.concat(chunks).toString('utf8');
      const root = /envelop(?:Heenbericht-ggk_Di01|Retourbericht-ggk_Du01)/.exec(text)?.[0] ?? '';
      const envelope = root ? soapBodyChild(text, root) : '';
      const xsd = envelope ? libxmlErrors(GGK_XSD(), envelope) : 'no envelope';
      got.push({ action: String(req.headers['soapaction']), root, envelope, xsd });
      res.setHeader('content-type', 'text/xml; charset=utf-8');
      if (calls <= failFirst || xsd !== undefined) {
        res.statusCode = calls <= failFirst ? 503 : 500;
        res.end();
        return;
      }
      const ref = /<StUF:referentienummer>([^<]*)</.exec(envelope)?.[1] ?? '';
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><StUF:Bv03Bericht xmlns:StUF="http://www.egem.nl/StUF/StUF0301"><StUF:stuurgegevens><StUF:berichtcode>Bv03</StUF:berichtcode><StUF:zender><StUF:organisatie>0384</StUF:organisatie><StUF:applicatie>Backoffice</StUF:applicatie></StUF:zender><StUF:ontvanger><StUF:applicatie>Sluis</StUF:applicatie></StUF:ontvanger><StUF:referentienummer>00000000-0000-4000-8000-000000000000</StUF:referentienummer><StUF:tijdstipBericht>20260101000000</StUF:tijdstipBericht><StUF:crossRefnummer>${ref}</StUF:crossRefnummer></StUF:stuurgegevens></StUF:Bv03Bericht></s:Body></s:Envelope>`,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ggk`, got };
}

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');
let refCounter = 0;
/** A fresh UUID v4 per call (distinct across the test run). */
const newRef = (): string =>
  `6f0c${(++refCounter).toString(16).padStart(4, '0')}-1111-4222-8333-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;

/** The published example Di01 with another zender, referentienummer, functie and bericht. */
function di01(o: { zender?: string; ref?: string; functie?: string; bericht?: string | Buffer; base?: string } = {}): string {
  let x = o.base ?? EXAMPLES.di01();
  if (o.zender) x = x.replace('<StUF:organisatie>0548</StUF:organisatie>', `<StUF:organisatie>${o.zender}</StUF:organisatie>`);
  if (o.ref !== undefined) x = x.replace('9c0f7b90-5c69-11e5-a837-0800200c9a66', o.ref);
  if (o.functie) x = x.replace('>WMO301<', `>${o.functie}<`);
  if (o.bericht !== undefined) x = x.replace('SGllciBzdGFhdCBoZXQgaGVlbmJlcmljaHQ=', b64(o.bericht));
  return soapRequest(x);
}

async function soap(
  gw: Gateway,
  body: string | Buffer,
  key: string | undefined,
  extra: { contentType?: string; action?: string } = {},
): Promise<Res> {
  const headers: Record<string, string> = { 'content-type': extra.contentType ?? 'text/xml; charset=utf-8' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (extra.action !== undefined) headers.soapaction = extra.action;
  const r = await fetch(`${gw.url}${PATH}`, { method: 'POST', headers, body });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: () => JSON.parse(text) };
}

/** A Fo01 answer: its code, checked valid against the StUF XSD. */
function fo01(r: Res): string {
  const fo = soapBodyChild(r.text, 'Fo01Bericht');
  expect(libxmlErrors(STUF_XSD(), fo)).toBeUndefined();
  expect(r.text).toContain('<soap:Fault>');
  return /<StUF:code>([^<]*)</.exec(fo)![1]!;
}

function bv03(r: Res): string {
  expect(r.status, r.text.slice(0, 600)).toBe(200);
  const bv = soapBodyChild(r.text, 'Bv03Bericht');
  expect(libxmlErrors(STUF_XSD(), bv)).toBeUndefined();
  return r.headers.get('sluis-bericht-id')!;
}

/** The iWmo sample WMO301 from gemeente 0548 to aanbieder 75750042 (the published example's zender). */
const wmo301 = (id = 'UTR301000017'): string =>
  readFileSync(resolve(import.meta.dirname, '../../samples/iwmo/WMO301.xml'), 'utf8')
    .replace('<wmo301:Afzender>0344<', '<wmo301:Afzender>0548<')
    .replace('<wmo301:Ontvanger>75750042<', '<wmo301:Ontvanger>75750042<')
    .replace(/(<iwmo:Identificatie>)UTR301000017(<)/, `$1${id}$2`);

describe.each(STORES)('StUF-GGk on %s', (store) => {
  let gw: Gateway;
  let bo: Awaited<ReturnType<typeof backOffice>>;
  beforeAll(async () => {
    bo = await backOffice(1);
    gw = await startGateway(store, {
      parties: parties(bo.url),
      webhook: { idleMs: 30, backoff: { baseSeconds: 0.2, capSeconds: 1, maxAttempts: 5 } },
    });
  });
  afterAll(async () => {
    await gw?.close();
    bo?.server.close();
  });

  it('the published example Di01 envelopes: valid envelopes; their bericht ("Hier staat het heenbericht") is not XML, so Fo01 IB014', async () => {
    for (const base of [EXAMPLES.di01(), EXAMPLES.voorbeeldDi01()]) {
      const r = await soap(gw, soapRequest(base), K0548, { action: '"http://www.stufstandaarden.nl/sectormodel/ggk/0210/ggk_Di01"' });
      expect(r.status).toBe(400);
      expect(fo01(r)).toBe('IB014');
      // the answer addresses the example's zender and names its referentienummer
      expect(r.text).toContain('<StUF:crossRefnummer>9c0f7b90-5c69-11e5-a837-0800200c9a66</StUF:crossRefnummer>');
      expect(r.text).toContain('<StUF:ontvanger><StUF:organisatie>0548</StUF:organisatie>');
    }
  });

  it('the published example Di01 with a valid WMO301 of its zender inside: Bv03, journaled as if posted over REST, and idempotent', async () => {
    const ref = newRef();
    const env = di01({ ref, bericht: wmo301(`EX${store.slice(0, 2)}1`) });
    const id = bv03(await soap(gw, env, K0548));
    const b = (await call(gw, 'GET', `/api/v1/berichten/${id}`, { key: KEYS.operator })).json();
    expect(b).toMatchObject({ bericht: 'WMO301', sender: '0548', afzender: '0548' });
    expect(['klaargezet', 'afgekeurd']).toContain(b.status);
    // the same envelope again: the same bericht, Bv03 again
    expect(bv03(await soap(gw, env, K0548))).toBe(id);
    // the published envelope itself (version 1 UUID) with a valid bericht is accepted too
    const published = soapRequest(
      EXAMPLES.voorbeeldDi01().replace('SGllciBzdGFhdCBoZXQgaGVlbmJlcmljaHQ=', b64(wmo301(`EX${store.slice(0, 2)}2`))),
    );
    bv03(await soap(gw, published, K0548));
  });

  it('every Fo01 code the route gives, provoked; nothing stored for any of them', async () => {
    const before = Number((await gw.db.query<{ n: string }>('SELECT count(*)::text AS n FROM journal')).rows[0]!.n);
    const ok = (id: string) => wmo301(`FO${store.slice(0, 2)}${id}`);
    const cases: [string, number, () => Promise<Res>][] = [
      ['IB001', 400, () => soap(gw, soapRequest(EXAMPLES.voorbeeldDu01Broken()), K0548)],
      ['IB001', 400, () => soap(gw, di01({ ref: newRef(), bericht: ok('1') }).replace('>0004<', '>4<'), K0548)],
      ['IB014', 400, () => soap(gw, di01({ ref: newRef(), bericht: ok('2').replace('<wmo301:Header>', '<wmo301:Kop>') }), K0548)],
      ['IB003', 413, () => soap(gw, Buffer.alloc(25 * 1024 * 1024 + 1, 0x20), K0548)],
      ['IB004', 400, () => soap(gw, di01({ ref: newRef(), functie: 'WMO399', bericht: ok('3') }), K0548)],
      ['IB004', 400, () => soap(gw, di01({ ref: newRef(), bericht: ok('4') }), K0548, { action: 'http://www.egem.nl/StUF/StUF0301/Fo01' })],
      ['IB005', 400, () => soap(gw, di01({ zender: '0999', ref: newRef(), bericht: ok('5') }), K0548)],
      ['IB009', 400, () => soap(gw, di01({ ref: '123456789012', bericht: ok('6') }), K0548)],
      ['SLS401', 401, () => soap(gw, di01({ ref: newRef(), bericht: ok('7') }), undefined)],
      ['SLS401', 401, () => soap(gw, di01({ ref: newRef(), bericht: ok('7') }), 'not-a-key')],
      ['SLS403', 403, () => soap(gw, di01({ ref: newRef(), bericht: ok('8') }), KEYS.gemeente0363)],
      ['SLS403', 403, () => soap(gw, di01({ ref: newRef(), bericht: ok('8') }), KEYS.operator)],
      ['SLS404', 403, () => soap(gw, di01({ zender: '0363', ref: newRef(), bericht: ok('9') }), KEYS.gemeente0363)],
      ['SLS415', 415, () => soap(gw, di01({ ref: newRef(), bericht: ok('10') }), K0548, { contentType: 'application/json' })],
      ['SLS422', 400, () => soap(gw, di01({ ref: newRef(), functie: 'WMO305', bericht: ok('11') }), K0548)],
      [
        'SLS423',
        400,
        () => soap(gw, di01({ ref: newRef(), bericht: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ok('12'))]) }), K0548),
      ],
    ];
    for (const [code, status, send] of cases) {
      const r = await send();
      expect({ code, status: r.status }).toEqual({ code, status });
      expect(fo01(r)).toBe(code);
      expect(r.headers.get('content-type')).toMatch(/^text\/xml/);
    }
    const after = Number((await gw.db.query<{ n: string }>('SELECT count(*)::text AS n FROM journal')).rows[0]!.n);
    expect(after).toBe(before);
    // IB016: a referentienummer used before for another bericht
    const ref = newRef();
    bv03(await soap(gw, di01({ ref, bericht: ok('13') }), K0548));
    const again = await soap(gw, di01({ ref: ref.toUpperCase(), bericht: ok('14') }), K0548);
    expect(again.status).toBe(400);
    expect(fo01(again)).toBe('IB016');
    // no BSN and no envelope value in the logs of the refusals
    const logs = gw.logs.filter((l) => l.includes('"event":"stuf-ggk"')).join('\n');
    expect(logs).toContain('"outcome":"IB016"');
    expect(logs).not.toMatch(/99990\d{4}|9999\d{5}/);
  });

  it('a Du01 is taken the same way (the published ggk_Du01 carrying an aanbieder’s 302); its crossRefnummer must be a UUID', async () => {
    const du = (cross: string, id: string): string =>
      soapRequest(
        EXAMPLES.du01()
          .replace('<StUF:organisatie>01023456</StUF:organisatie>', '<StUF:organisatie>42420001</StUF:organisatie>')
          .replace('<StUF:organisatie>0484</StUF:organisatie>', '<StUF:organisatie>0384</StUF:organisatie>')
          .replace('b6e9f182-bc44-4f27-9863-9a5ccc1e1cf0', newRef())
          .replace('9c0f7b90-5c69-11e5-a837-0800200c9a66', cross)
          .replace('>WMO302<', '>JW302<')
          .replace('SGllciBzdGFhdCBoZXQgcmV0b3VyYmVyaWNodA==', b64(sample('JW302').replace('>123456789012<', `>${id}<`))),
      );
    const action = { action: 'http://www.stufstandaarden.nl/sectormodel/ggk/0210/ggk_Du01' };
    const id = bv03(await soap(gw, du(newRef(), `DU${store.slice(0, 2)}1`), KEYS.aanbieder42420001, action));
    expect((await call(gw, 'GET', `/api/v1/berichten/${id}`, { key: KEYS.operator })).json()).toMatchObject({
      bericht: 'JW302',
      sender: '42420001',
    });
    const bad = await soap(gw, du('234567890123', `DU${store.slice(0, 2)}2`), KEYS.aanbieder42420001, action);
    expect(bad.status).toBe(400);
    expect(fo01(bad)).toBe('IB009');
    // a Du01 sent with the Di01's SOAPAction
    const wrong = await soap(gw, du(newRef(), `DU${store.slice(0, 2)}3`), KEYS.aanbieder42420001, {
      action: 'http://www.stufstandaarden.nl/sectormodel/ggk/0210/ggk_Di01',
    });
    expect(fo01(wrong)).toBe('IB004');
  });

  it('the OpenAPI document declares every answer the route gave', async () => {
    const doc = (await call(gw, 'GET', '/api/v1/openapi.json')).json();
    const op = doc.paths[PATH].post;
    for (const s of [200, 400, 401, 403, 413, 415])
      expect(Object.keys(op.responses[String(s)].content ?? { 'application/problem+json': 1 })).toContain(
        s === 500 ? 'application/problem+json' : 'text/xml',
      );
  });

  it('a gemeente on stuf-ggk gets the 302 on its 301 as a Du01 (crossRefnummer = its Di01), Sluis’s own 302 likewise, and a 305 as a Di01', async () => {
    const tag = store.slice(0, 2).toUpperCase();
    // 1. the gemeente's 301 over StUF-GGk
    const ref301 = newRef();
    const jw301 = withIdentificatie(sample('JW301'), `SG${tag}301`);
    const id301 = bv03(await soap(gw, di01({ zender: '0384', ref: ref301, functie: 'JW301', bericht: jw301 }), KEYS.gemeente0384));
    // 2. the aanbieder answers with a 302 over REST
    const jw302 = sample('JW302').replace('<ijw:Identificatie>123456789012<', `<ijw:Identificatie>SG${tag}301<`);
    const r302 = await post(gw, jw302, KEYS.aanbieder42420001);
    expect(r302.status).toBe(202);
    const id302 = r302.json().id as string;
    // 3. a 301 of the gemeente that Sluis rejects (elfproef): Bv03, then Sluis's 302 as a Du01
    const refBad = newRef();
    const bad = withBsn(withIdentificatie(sample('JW301'), `SG${tag}BAD`), '999999999');
    const idBad = bv03(await soap(gw, di01({ zender: '0384', ref: refBad, functie: 'JW301', bericht: bad }), KEYS.gemeente0384));
    expect((await call(gw, 'GET', `/api/v1/berichten/${idBad}`, { key: KEYS.operator })).json().status).toBe('afgekeurd');
    // 4. a 305 (start zorg) from an aanbieder over REST: a Di01
    const jw305 = withIdentificatie(sample('JW305'), `SG${tag}305`).replace('<jw305:Ontvanger>0363<', '<jw305:Ontvanger>0384<');
    const r305 = await post(gw, jw305, KEYS.aanbieder65656055);
    expect(r305.json().status, r305.text.slice(0, 800)).toBe('klaargezet');

    const du01 = (needle: string): Got | undefined => bo.got.find((g) => g.xsd === undefined && g.envelope.includes(needle));
    const for302 = await until(() => du01(`<StUF:crossRefnummer>${ref301}</StUF:crossRefnummer>`));
    expect(for302.root).toBe('envelopRetourbericht-ggk_Du01');
    expect(for302.action).toBe('"http://www.stufstandaarden.nl/sectormodel/ggk/0210/ggk_Du01"');
    expect(for302.envelope).toContain('<StUF:functie>JW302</StUF:functie>');
    expect(for302.envelope).toContain('<StUF:organisatie>42420001</StUF:organisatie>');
    const payload = Buffer.from(/<GGK:bericht[^>]*>([^<]*)</.exec(for302.envelope)![1]!, 'base64').toString('utf8');
    expect(payload).toBe(jw302);

    const forBad = await until(() => du01(`<StUF:crossRefnummer>${refBad}</StUF:crossRefnummer>`));
    const retour = Buffer.from(/<GGK:bericht[^>]*>([^<]*)</.exec(forBad.envelope)![1]!, 'base64').toString('utf8');
    expect(retour).toBe((await call(gw, 'GET', `/api/v1/berichten/${idBad}/retour`, { key: KEYS.gemeente0384 })).text);
    expect(forBad.envelope).toContain('<StUF:functie>JW302</StUF:functie>');

    const di = await until(() => du01(`<GGK:referentienummerBericht>SG${tag}305</GGK:referentienummerBericht>`));
    expect(di.root).toBe('envelopHeenbericht-ggk_Di01');
    expect(di.action).toBe('"http://www.stufstandaarden.nl/sectormodel/ggk/0210/ggk_Di01"');
    expect(di.envelope).toContain('<StUF:functie>JW305</StUF:functie>');

    // delivered: the 302 and the 305 afgeleverd via stuf-ggk; the first attempt (503) retried with the same referentienummer
    const b302 = await until(async () => {
      const b = (await call(gw, 'GET', `/api/v1/berichten/${id302}`, { key: KEYS.operator })).json();
      return b.status === 'afgeleverd' ? b : undefined;
    });
    expect(b302.history.at(-1)).toMatchObject({ status: 'afgeleverd', detail: { via: 'stuf-ggk' } });
    const refsOf = (needle: string) =>
      bo.got.filter((g) => g.envelope.includes(needle)).map((g) => /<StUF:referentienummer>([^<]*)</.exec(g.envelope)![1]);
    for (const needle of [`<StUF:crossRefnummer>${ref301}<`, `<StUF:crossRefnummer>${refBad}<`, `>SG${tag}305<`]) {
      const refs = refsOf(needle);
      expect(new Set(refs).size, needle).toBe(1);
    }
    expect(bo.got.some((g) => g.xsd === undefined && g.root === '')).toBe(false);
    // the rejected bericht stays afgekeurd after its retour was delivered; its outbox row is done
    const rows = await gw.db.query<{ done: boolean }>(
      "SELECT done_at IS NOT NULL AS done FROM outbox WHERE bericht_id = $1 AND channel = 'stuf-ggk'",
      [idBad],
    );
    expect(rows.rows).toEqual([{ done: true }]);
    expect((await call(gw, 'GET', `/api/v1/berichten/${idBad}`, { key: KEYS.operator })).json().status).toBe('afgekeurd');
    // the 301 itself went to the aanbieder, not over stuf-ggk
    const own = await gw.db.query<{ n: string }>("SELECT count(*)::text AS n FROM outbox WHERE bericht_id = $1 AND channel = 'stuf-ggk'", [
      id301,
    ]);
    expect(own.rows[0]!.n).toBe('0');
  });
});
