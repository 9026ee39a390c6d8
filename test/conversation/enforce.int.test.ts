/**
 * Enforce mode, the state horizon and the import, through the running gateway on PGlite and
 * PostgreSQL. Gemeente 0384 enforces, 0363 advises (parties config). Each test works on its own
 * gemeente–aanbieder pair in one domain, so the horizons do not meet:
 * - ijw 0384–42420001: horizon set early (as an import would) → a 305 without toewijzing and a 323
 *   for a product never assigned are rejected with their XSD-valid retour (306 / 325), nothing routed;
 * - ijw 0363–42420001: the same horizon, but 0363 advises → routed with advice;
 * - iwmo 0384–42420001: the first bericht sets the horizon to today → a finding on older dates only
 *   advises; an import of a toewijzing moves the horizon back, delivers nothing, and then enforce rejects.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey, parsePartiesConfig, type PartiesConfig } from '../../src/config/parties.js';
import { moveHorizonBack } from '../../src/store/horizon/move-back.js';
import { getHorizon } from '../../src/store/horizon/get.js';
import { countReplaySelection } from '../../src/store/journal/replay-count.js';
import { setKafkaEnabled } from '../../src/store/kafka-settings/set-enabled.js';
import { parseBericht } from '../../src/validation/parse.js';
import { KEYS, STORES, call, post, startGateway, type Gateway, type Json } from '../gateway/harness.js';
import { bericht, testBsn } from '../kafka/fixtures.js';
import { xsdPath } from '../support/paths.js';
import { xmllintValidate } from '../support/xmllint.js';
import { makeZip } from '../support/zip.js';

/** Europe/Amsterdam: 1 December 2026 (every sample's Dagtekening is in November 2026). */
const NOW = new Date('2026-12-01T10:00:00Z');

function parties(): PartiesConfig {
  const party = (role: string, code: string, key: string, more: object = {}) => ({
    role,
    code,
    name: `Test ${role} ${code}`,
    apiKeys: [{ id: 't', sha256: hashApiKey(key) }],
    ...more,
  });
  return parsePartiesConfig(
    {
      clientKeySecret: 'test-client-key-secret-0123456789',
      parties: [
        party('gemeente', '0384', KEYS.gemeente0384, { conversatie: 'enforce' }),
        party('gemeente', '0363', KEYS.gemeente0363),
        party('aanbieder', '42420001', KEYS.aanbieder42420001),
        party('aanbieder', '65656055', KEYS.aanbieder65656055),
      ],
      operators: [{ name: 'beheer', apiKeys: [{ id: 't', sha256: hashApiKey(KEYS.operator) }] }],
    },
    'test',
  );
}

let seq = 0;
const ident = (tag: string): string => `${tag}${(seq++).toString(36)}`.slice(0, 12);
const setAll = (xml: string, el: string, from: string, to: string): string =>
  xml.replace(new RegExp(`(<[\\w]+:${el}>)${from}(<)`, 'g'), `$1${to}$2`);

type Obj = Record<string, unknown>;
const codes = (node: unknown): unknown => ((node as Obj)['RetourCodes'] as Obj)['RetourCode'];
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v : [v]) as Obj[];

async function xsdValid(xml: string): Promise<{ message: string; bericht: Obj }> {
  const p = parseBericht(new TextEncoder().encode(xml));
  if (!p.success) throw new Error('the retour does not parse');
  const file = join(mkdtempSync(join(tmpdir(), 'sluis-enforce-')), `${p.message.id}.xml`);
  writeFileSync(file, xml);
  const [v] = await xmllintValidate(xsdPath(p.message), [file]);
  expect(v?.valid, v?.errors.join('\n')).toBe(true);
  return { message: p.message.id, bericht: p.bericht };
}

async function postbusOf(gw: Gateway, id: string): Promise<{ party: string; kind: string }[]> {
  return (await gw.db.query<{ party: string; kind: string }>('SELECT party, kind FROM postbus WHERE bericht_id = $1 ORDER BY party', [id]))
    .rows;
}
async function outboxCount(gw: Gateway, id: string): Promise<number> {
  return Number((await gw.db.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE bericht_id = $1', [id])).rows[0]!.n);
}

describe.each(STORES)('enforce, the state horizon and the import on %s', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => NOW, parties: parties() });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('enforce: a 305 without toewijzing, after the horizon, is rejected with the XSD-valid 306 (9019 on each StartProduct, 0200 on the Client) and not routed', async () => {
    await moveHorizonBack(gw.db, { standard: 'ijw', gemeente: '0384', aanbieder: '42420001' }, '2026-01-01');
    const xml = bericht({ id: 'JW305', identificatie: ident('E305'), bsn: testBsn(8100) });
    const r = await post(gw, xml, KEYS.aanbieder42420001);
    expect(r.status, r.text).toBe(202);
    const receipt = r.json();
    expect(receipt.status).toBe('afgekeurd');
    expect(receipt.decision).toBeNull();
    expect(receipt.issues.map((i: Json) => [i.level, i.rule, i.retourCode])).toEqual([
      ['L3', 'TR019', '9019'],
      ['L3', 'TR019', '9019'],
    ]);
    const retour = await xsdValid(receipt.retour);
    expect(retour.message).toBe('JW306');
    const client = retour.bericht['Client'] as Obj;
    expect(codes(client)).toEqual(['0200']);
    for (const sp of arr((client['StartProducten'] as Obj)['StartProduct'])) expect(codes(sp)).toEqual(['9019']);
    expect(codes(retour.bericht['Header'])).toEqual(['0200']);
    // Not routed: only the retour, in the sender's postbus; nothing for the gemeente.
    expect(await postbusOf(gw, receipt.id)).toEqual([{ party: '42420001', kind: 'retour' }]);
    expect(await outboxCount(gw, receipt.id)).toBe(0);
    const stored = (await call(gw, 'GET', `/api/v1/berichten/${receipt.id}`, { key: KEYS.operator })).json();
    expect(stored.status).toBe('afgekeurd');
    expect(stored.issues[0]).toMatchObject({ rule: 'TR019', retourCode: '9019', path: expect.stringMatching(/StartProduct\[1\]$/) });
    const afgekeurd = stored.history.find((h: Json) => h.status === 'afgekeurd');
    expect(afgekeurd.detail).toMatchObject({ rules: ['TR019'], conversatie: { mode: 'enforce', horizon: '2026-01-01' } });
    const metrics = (await call(gw, 'GET', '/metrics', { key: KEYS.operator })).text;
    expect(metrics).toMatch(/sluis_conversation_findings_total\{[^}]*mode="enforce"[^}]*\} [1-9]/);
  });

  it('enforce: a 323 declaring a product never assigned to its second client gets a 325 that rejects it whole (XSD-valid)', async () => {
    const [a, b] = [testBsn(8200), testBsn(8201)];
    // The first client's toewijzingen, with the ToewijzingNummers its prestaties declare.
    const decl = bericht({ id: 'JW323', identificatie: ident('E323'), bsn: a, moreBsns: [b] });
    const firstClient = decl.split(/<[\w]+:Bsn>/)[1]!;
    const nummers = [...new Set([...firstClient.matchAll(/<[\w]+:ToewijzingNummer>([^<]*)</g)].map((m) => m[1]!))];
    let t = bericht({ id: 'JW301', identificatie: ident('E301'), bsn: a });
    const sampleNummers = [...new Set([...t.matchAll(/<[\w]+:ToewijzingNummer>([^<]*)</g)].map((m) => m[1]!))];
    sampleNummers.forEach((n, i) => {
      t = setAll(t, 'ToewijzingNummer', n, nummers[i] ?? `${nummers[0]}${i}`);
    });
    const tr = await post(gw, t, KEYS.gemeente0384);
    expect(tr.json().status, tr.text).toBe('klaargezet');
    const r = (await post(gw, setAll(decl, 'DeclaratieNummer', '[^<]*', ident('DN')), KEYS.aanbieder42420001)).json();
    expect(r.status).toBe('afgekeurd');
    // TR338 on the second client's prestaties; the sample's other prestaties may meet other declaratie rules too.
    const tr338 = r.issues.filter((i: Json) => i.rule === 'TR338');
    expect(tr338.length).toBeGreaterThan(0);
    for (const i of tr338) expect(i.path).toMatch(/Client\[2\]\/Prestaties\/Prestatie\[\d+\]$/);
    const retour = await xsdValid(r.retour);
    expect(retour.message).toBe('JW325');
    expect(codes(retour.bericht['Header'])).toEqual(['0200']);
    const da = retour.bericht['DeclaratieAntwoord'] as Obj;
    expect((da['TotaalToegekendBedrag'] as Obj)['TotaalBedrag']).toBe(0);
    const clients = arr((da['Clienten'] as Obj)['Client']);
    expect(clients.map((c) => codes(c))).toEqual([['0200'], ['0200']]);
    // Every prestatie carries the code of the finding on it, or 0233 (not assessed further) — the second client's are TR338's.
    const onPath = new Map<string, string[]>();
    for (const i of r.issues as Json[]) onPath.set(i.path, [...(onPath.get(i.path) ?? []), i.retourCode]);
    clients.forEach((c, ci) =>
      arr((c['Prestaties'] as Obj)['Prestatie']).forEach((p, pi) => {
        const path = `/Bericht/Declaratie/Clienten/Client[${ci + 1}]/Prestaties/Prestatie[${pi + 1}]`;
        expect(codes(p)).toEqual(onPath.get(path) ?? ['0233']);
      }),
    );
    for (const p of arr((clients[1]!['Prestaties'] as Obj)['Prestatie'])) expect(codes(p)).toContain('9338');
    expect(await postbusOf(gw, r.id)).toEqual([{ party: '42420001', kind: 'retour' }]);
  });

  it('enforce: an externe-bron rule needs no horizon — a 301 dated tomorrow (TR135) gets a header-only 302 with 8848', async () => {
    const xml = bericht({ id: 'JW301', identificatie: ident('T135'), aanbieder: '65656055', bsn: testBsn(8600) }).replace(
      /(<[\w]+:Dagtekening>)[^<]*(<)/,
      '$12026-12-02$2',
    );
    const r = (await post(gw, xml, KEYS.gemeente0384)).json();
    expect(r.status).toBe('afgekeurd');
    expect(r.issues.map((i: Json) => [i.rule, i.retourCode])).toEqual([['TR135', '8848']]);
    const retour = await xsdValid(r.retour);
    expect(retour.message).toBe('JW302');
    expect(codes(retour.bericht['Header'])).toEqual(['8848']);
    expect(Object.keys(retour.bericht)).toEqual(['Header']);
    expect(await postbusOf(gw, r.id)).toEqual([{ party: '0384', kind: 'retour' }]);
  });

  it('enforce: a 325 dated tomorrow is rejected without a retour (an answer gets none): the issues are the answer', async () => {
    const xml = bericht({ id: 'JW325', identificatie: ident('T325'), aanbieder: '65656055' }).replace(
      /(<[\w]+:Dagtekening>)[^<]*(<)/,
      '$12026-12-02$2',
    );
    const r = (await post(gw, xml, KEYS.gemeente0384)).json();
    expect(r.status).toBe('afgekeurd');
    // A 325 for a 323 Sluis never saw meets TR337/TR376 as well; the date is what this test is about.
    expect(r.issues.map((i: Json) => [i.rule, i.retourCode])).toContainEqual(['TR135', '8848']);
    expect(r.retour).toBeUndefined();
    expect(await postbusOf(gw, r.id)).toEqual([]);
  });

  it('a gemeente that advises gets the same finding as advice, routed', async () => {
    await moveHorizonBack(gw.db, { standard: 'ijw', gemeente: '0363', aanbieder: '42420001' }, '2026-01-01');
    const xml = bericht({ id: 'JW305', identificatie: ident('A305'), gemeente: '0363', bsn: testBsn(8300) });
    const r = (await post(gw, xml, KEYS.aanbieder42420001)).json();
    expect(r.status).toBe('klaargezet');
    expect(r.decision.conversatie).toMatchObject({ mode: 'advise' });
    expect(r.decision.reasons.filter((x: Json) => x.rule === 'TR019').every((x: Json) => x.advies === true)).toBe(true);
  });

  it('before the horizon only advice; an import moves the horizon back, delivers nothing, and then enforce rejects', async () => {
    const pair = { standard: 'iwmo', gemeente: '0384', aanbieder: '42420001' };
    // 1. The pair's first bericht: the horizon becomes today, after the start's Begindatum → advice, routed.
    const first = (
      await post(gw, bericht({ id: 'WMO305', identificatie: ident('H1'), bsn: testBsn(8400) }), KEYS.aanbieder42420001)
    ).json();
    expect(first.status).toBe('klaargezet');
    expect(first.decision.conversatie).toMatchObject({ mode: 'enforce', horizon: '2026-12-01' });
    expect(first.decision.conversatie.findings.map((f: Json) => [f.rule, f.enforced])).toEqual([
      ['TR019', false],
      ['TR019', false],
    ]);
    expect((await getHorizon(gw.db, pair))?.bron).toBe('eerste-bericht');

    // 2. Import a toewijzing (Dagtekening 2026-11-02) for another client, with Kafka switched on in the store.
    const imported = testBsn(8401);
    const files = [
      { name: 'hist/301.xml', bytes: new TextEncoder().encode(bericht({ id: 'WMO301', identificatie: ident('I301'), bsn: imported })) },
    ];
    await setKafkaEnabled(gw.db, true);
    let report;
    try {
      report = await gw.app.importBerichten(files, 'test-operator');
      // The control: live traffic at the same moment does get its Kafka rows.
      const live = (
        await post(gw, bericht({ id: 'JW301', identificatie: ident('K301'), gemeente: '0363', aanbieder: '65656055' }), KEYS.gemeente0363)
      ).json();
      expect(await outboxCount(gw, live.id)).toBeGreaterThan(0);
    } finally {
      await setKafkaEnabled(gw.db, false);
    }
    expect(report.counts).toEqual({ geimporteerd: 1 });
    expect(report.pairs).toEqual([{ ...pair, earliest: '2026-11-02', horizon: '2026-11-02', bron: 'import' }]);
    const row = (
      await gw.db.query<{ id: string; status: string; imported_at: unknown }>(
        'SELECT id, status, imported_at FROM journal WHERE imported_at IS NOT NULL',
      )
    ).rows;
    expect(row.length).toBe(1);
    expect(row[0]!.status).toBe('geimporteerd');
    expect(await postbusOf(gw, row[0]!.id)).toEqual([]);
    expect(await outboxCount(gw, row[0]!.id)).toBe(0);
    const shown = (await call(gw, 'GET', `/api/v1/berichten/${row[0]!.id}`, { key: KEYS.operator })).json();
    expect(shown.importedAt).toBeDefined();
    // A replay never selects imported history (it would re-deliver what was never delivered).
    const day = { from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z' };
    expect(await countReplaySelection(gw.db, day.from, day.to, { standard: 'iwmo' })).toBe(0);
    const all = await gw.db.query<{ n: string }>('SELECT count(*) AS n FROM journal WHERE received_at >= $1 AND received_at < $2', [
      day.from,
      day.to,
    ]);
    expect(Number(all.rows[0]!.n)).toBe(1);
    // Nor does history open a termijn (an imported 301 awaits no 302 from the aanbieder now).
    await gw.app.termijnen.catchUp();
    const termijnen = await gw.db.query<{ n: string }>('SELECT count(*) AS n FROM termijn WHERE bericht_id = $1', [row[0]!.id]);
    expect(Number(termijnen.rows[0]!.n)).toBe(0);
    // Idempotent: the same file again is already in the journal; the horizon stays.
    const again = await gw.app.importBerichten(files, 'test-operator');
    expect(again.counts).toEqual({ 'al-in-journaal': 1 });
    expect(again.pairs[0]!.horizon).toBe('2026-11-02');

    // 3. Now the horizon (2026-11-02) is before the starts' Begindatum (2026-11-05): a start without toewijzing is rejected…
    const rejected = (
      await post(gw, bericht({ id: 'WMO305', identificatie: ident('H3'), bsn: testBsn(8402) }), KEYS.aanbieder42420001)
    ).json();
    expect(rejected.status).toBe('afgekeurd');
    expect(rejected.issues.map((i: Json) => i.retourCode)).toEqual(['9019', '9019']);
    expect((await xsdValid(rejected.retour)).message).toBe('WMO306');
    // …and a start on the imported toewijzing is routed without a finding (the import built the state).
    const ok = (await post(gw, bericht({ id: 'WMO305', identificatie: ident('H4'), bsn: imported }), KEYS.aanbieder42420001)).json();
    expect(ok.status).toBe('klaargezet');
    expect(ok.decision.conversatie?.findings ?? []).toEqual([]);
    expect(ok.decision.reasons.map((x: Json) => x.rule)).not.toContain('TR019');
  });

  it('POST /api/v1/imports: an operator imports a zip and gets the report; others are refused', async () => {
    const xml = bericht({ id: 'JW301', identificatie: ident('Z301'), aanbieder: '65656055', bsn: testBsn(8500) });
    const zip = makeZip([{ name: 'z/301.xml', text: xml, deflate: true }]);
    const r = await call(gw, 'POST', '/api/v1/imports', { key: KEYS.operator, body: zip, contentType: 'application/zip' });
    expect(r.status, r.text).toBe(200);
    expect(r.json()).toMatchObject({
      files: 1,
      counts: { geimporteerd: 1 },
      pairs: [{ standard: 'ijw', gemeente: '0384', aanbieder: '65656055', horizon: '2026-11-02', bron: 'import' }],
      problems: [],
    });
    expect((await call(gw, 'POST', '/api/v1/imports', { key: KEYS.gemeente0384, body: zip, contentType: 'application/zip' })).status).toBe(
      403,
    );
    expect((await call(gw, 'POST', '/api/v1/imports', { key: KEYS.operator, body: xml })).status).toBe(415);
    const bad = await call(gw, 'POST', '/api/v1/imports', { key: KEYS.operator, body: 'not a zip', contentType: 'application/zip' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
