/**
 * Issue 5 end to end: region Lekstroom (test/fixtures/region.registry.json — outputgericht, taakgericht
 * with PxQ onderaannemers, and a contract switching variant on 2027-01-01) behind the running gateway
 * as `sluis serve` wires it (registryWiring: holder, decision core over the journal, woonplaats
 * sources, contracten routes), on an ephemeral port, over PGlite and PostgreSQL.
 *
 * Berichten from every party are posted over HTTP in the order of the core-level scenario
 * (test/e2e/region.steps.ts, shared with src/decision/region.scenario.test.ts); then each party's
 * postbus and every suppressed or refused bericht's reason are read back through the API. Further
 * steps exercise what only the gateway adds: decision state from the journal (a 301 answering an
 * open woonplaats-verzoek, TM-TOEW-WPB, and the verzoek closing), the hoofdaannemer sending for the
 * gemeente (toegestaneVerzenders), /api/v1/contracten (a PUT applies to the next bericht, the file is
 * not rewritten), and the metrics.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreKind } from '../../src/store/db.js';
import { journalState } from '../../src/pipeline/journal-state.js';
import { RETOUR_NUMMERS } from '../../src/pipeline/identify.js';
import type { DecisionReason } from '../../src/pipeline/types.js';
import { decidingReason } from '../../src/http/metrics.js';
import { buildBericht } from '../../src/xml/build.js';
import { call, type Json, type Res } from '../gateway/harness.js';
import { startRegionGateway, type RegionGateway } from './gateway.js';
import {
  EXPECTED_POSTBUS,
  G,
  REGION_REGISTRY_FILE,
  REGION_TODAY,
  ROOT,
  STEPS,
  header,
  products,
  referentie,
  sample,
  type Built,
} from './region.steps.js';

const PARTIES_FILE = join(ROOT, 'test/e2e/region.parties.json');
const key = (code: string): string => `e2e-key-${code}-0123456789abcdef`;
const OPERATOR = key('beheer');
const PARTY_CODES: readonly string[] = (JSON.parse(readFileSync(PARTIES_FILE, 'utf8')) as { parties: { code: string }[] }).parties.map(
  (p) => p.code,
);
const STORES: readonly StoreKind[] = ['pglite', 'postgres'];

type Node = Record<string, unknown>;
const node = (v: unknown): Node => v as Node;

/** The party that sends a bericht by message direction (retours copy the heen header). */
function senderOf(b: Built): string {
  const h = node(b.bericht.Header);
  return String(RETOUR_NUMMERS.has(b.message.nummer) ? h.Ontvanger : h.Afzender);
}

function postBuilt(gw: RegionGateway, b: Built, asParty = senderOf(b)): Promise<Res> {
  return call(gw, 'POST', '/api/v1/berichten', { key: key(asParty), body: buildBericht(b.message, b.bericht) });
}

const STATUS_OF = { route: 'klaargezet', suppress: 'onderdrukt', refuse: 'geweigerd' } as const;
const rules = (d: Json): string[] => d.reasons.map((r: { rule: string }) => r.rule);

/** What each suppressed or refused step must say when read back: the deciding rule and its contract. */
const NOT_DELIVERED: Readonly<Record<number, { status: string; rule: string; contract?: string; contractIds: string[]; variant: string }>> =
  {
    4: {
      status: 'onderdrukt',
      rule: 'TM-DECL',
      contract: 'LEK-JW-INTEGRAAL-TG',
      contractIds: ['LEK-JW-INTEGRAAL-TG'],
      variant: 'taakgericht-minimaal',
    },
    7: {
      status: 'onderdrukt',
      rule: 'TM-TOEW',
      contract: 'LEK-JW-INTEGRAAL-TG',
      contractIds: ['LEK-JW-INTEGRAAL-TG'],
      variant: 'taakgericht-minimaal',
    },
    8: {
      status: 'onderdrukt',
      rule: 'TM-REGIE',
      contract: 'LEK-JW-INTEGRAAL-TG',
      contractIds: ['LEK-JW-INTEGRAAL-TG'],
      variant: 'taakgericht-minimaal',
    },
    11: {
      status: 'onderdrukt',
      rule: 'TG-OVERIG-DECL',
      contract: 'LEK-JW-INTEGRAAL-TG',
      contractIds: ['LEK-JW-INTEGRAAL-TG'],
      variant: 'taakgericht-minimaal',
    },
    13: {
      status: 'onderdrukt',
      rule: 'TS-DECL',
      contract: 'LEK-JW-VERBLIJF-2027',
      contractIds: ['LEK-JW-VERBLIJF-2027'],
      variant: 'taakgericht-stelselindicatoren',
    },
    14: { status: 'geweigerd', rule: 'DECL-GEMENGD', contractIds: ['LEK-JW-VERBLIJF-2026', 'LEK-JW-VERBLIJF-2027'], variant: 'gemengd' },
    16: { status: 'geweigerd', rule: 'NC-REFUSE', contractIds: [], variant: 'none' },
    18: { status: 'onderdrukt', rule: 'RET-HEEN-NIET-BEZORGD', contractIds: ['LEK-JW-INTEGRAAL-TG'], variant: 'taakgericht-minimaal' },
  };

describe.each(STORES)('region Lekstroom end to end through the gateway on %s', (store) => {
  let gw: RegionGateway;
  const idOf = new Map<number, string>();
  const registryBytes = readFileSync(REGION_REGISTRY_FILE);

  beforeAll(async () => {
    gw = await startRegionGateway(store, {
      registryFile: REGION_REGISTRY_FILE,
      partiesFile: PARTIES_FILE,
      cwd: ROOT,
      env: { ...process.env, SLUIS_POSTCODES: 'test/e2e/region.postcodes.csv' },
      clock: () => new Date(`${REGION_TODAY}T10:00:00Z`),
    });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("decides the scenario's berichten over HTTP in order exactly as the core does", async () => {
    for (const step of STEPS) {
      const r = await postBuilt(gw, step.build());
      expect(r.status, step.what).toBe(202);
      const b = r.json();
      expect({ nr: step.nr, status: b.status, action: b.decision?.action, addressee: b.decision?.addressee }, step.what).toEqual({
        nr: step.nr,
        status: STATUS_OF[step.expect.action],
        action: step.expect.action,
        addressee: step.expect.addressee,
      });
      expect(rules(b.decision), step.what).toContain(step.expect.rule);
      idOf.set(step.nr, b.id);
    }
    expect(idOf.size).toBe(18);
  });

  it("each party's postbus holds exactly what was routed to it, in order", async () => {
    const nrOf = new Map([...idOf].map(([nr, id]) => [id, nr]));
    const held: Record<string, number[]> = {};
    for (const code of PARTY_CODES) {
      const r = await call(gw, 'GET', '/api/v1/postbus?limit=1000', { key: key(code) });
      expect(r.status, code).toBe(200);
      const items = r.json().items as { id: string; kind: string }[];
      expect(
        items.every((i) => i.kind === 'bericht'),
        code,
      ).toBe(true);
      const nrs = items.map((i) => nrOf.get(i.id)!);
      if (nrs.length > 0) held[code] = nrs;
    }
    expect(held).toEqual(EXPECTED_POSTBUS);
  });

  it('every suppressed or refused bericht shows its decision and reason (contract, rule) to its sender, and is never delivered', async () => {
    for (const [nrText, want] of Object.entries(NOT_DELIVERED)) {
      const nr = Number(nrText);
      const step = STEPS.find((s) => s.nr === nr)!;
      const built = step.build();
      const r = await call(gw, 'GET', `/api/v1/berichten/${idOf.get(nr)}`, { key: key(senderOf(built)) });
      expect(r.status, step.what).toBe(200);
      const b = r.json();
      expect(b.status, step.what).toBe(want.status);
      expect(b.addressee, step.what).toBeNull();
      expect(
        b.history.map((h: { status: string }) => h.status),
        step.what,
      ).toEqual(['ontvangen', 'gevalideerd', 'besloten', want.status]);
      const d = b.decision;
      expect(d.action, step.what).toBe(want.status === 'onderdrukt' ? 'suppress' : 'refuse');
      expect(d.contractIds, step.what).toEqual(want.contractIds);
      expect(d.variant ?? 'none', step.what).toBe(want.variant);
      const main = decidingReason(d.reasons as DecisionReason[])!;
      expect(main.rule, step.what).toBe(want.rule);
      expect(main.severity, step.what).not.toBe('info');
      expect(main.text.length, step.what).toBeGreaterThan(20);
      if (want.contract) expect(main.contractId, step.what).toBe(want.contract);
      // The summary the core decided on travels with the decision: codes and dates, no BSN.
      expect(d.summary.nummer, step.what).toBe(built.message.nummer);
      expect(JSON.stringify(b), step.what).not.toMatch(/\b9999\d{5}\b/);
      // The other party never sees it.
      const h = node(built.bericht.Header);
      const other = senderOf(built) === h.Afzender ? String(h.Ontvanger) : String(h.Afzender);
      expect((await call(gw, 'GET', `/api/v1/berichten/${idOf.get(nr)}`, { key: key(other) })).status, step.what).toBe(403);
    }
    // A mixed declaratie names the prestaties that must not be declared.
    const mixed = (await call(gw, 'GET', `/api/v1/berichten/${idOf.get(14)}`, { key: key('44440001') })).json().decision;
    const gemengd = mixed.reasons.find((r: { rule: string }) => r.rule === 'DECL-GEMENGD');
    expect(gemengd.items.length).toBeGreaterThan(0);
    expect(mixed.tags).toEqual([]);
    expect((await call(gw, 'GET', `/api/v1/berichten/${idOf.get(16)}`, { key: key('55550001') })).json().decision.tags).toContain(
      'geen-contract',
    );
  });

  it('a routed bericht shows its decision with reasons, tags and the woonplaats result', async () => {
    const ten = (await call(gw, 'GET', `/api/v1/berichten/${idOf.get(10)}`, { key: key('22220001') })).json();
    expect(ten).toMatchObject({ status: 'klaargezet', sender: '33330002', addressee: '22220001' });
    expect(ten.decision.tags).toContain('naar-hoofdaannemer');
    expect(ten.decision.reasons[0]).toMatchObject({ rule: 'PXQ-DECL', contractId: 'LEK-JW-INTEGRAAL-TG', severity: 'info' });
    // Step 1: the 301's client lives (per the test postcode table) in 0363, not in 0321.
    const one = (await call(gw, 'GET', `/api/v1/berichten/${idOf.get(1)}`, { key: key('11110001') })).json();
    expect(one.decision.tags).toContain('woonplaats-afwijking');
    expect(one.decision.woonplaats).toMatchObject({
      verwachteGemeente: '0363',
      headerGemeente: '0321',
      bron: 'postcode-tabel',
      afwijking: true,
    });
    expect(rules(one.decision)).toEqual(expect.arrayContaining(['OG-TOEW', 'WPB-RESULTAAT', 'WPB-AFWIJKING']));
    // Step 6: the 319 reden 8 names the responsible gemeente.
    const six = (await call(gw, 'GET', `/api/v1/berichten/${idOf.get(6)}`, { key: key('22220001') })).json();
    expect(six.decision.tags).toContain('woonplaatscheck');
    expect(six.decision.woonplaats).toMatchObject({ bron: '319-reden-8', zekerheid: 'hoog' });
  });

  it('metrics count suppressions and refusals by rule, variant and contract, and woonplaats mismatches; no BSN', async () => {
    const text = (await call(gw, 'GET', '/metrics')).text;
    const value = (line: string): number => {
      const hit = text.split('\n').find((l) => l.startsWith(`${line} `));
      return hit ? Number(hit.slice(line.length + 1)) : 0;
    };
    expect(
      value('sluis_suppressed_total{bericht="JW323",contract="LEK-JW-INTEGRAAL-TG",rule="TM-DECL",variant="taakgericht-minimaal"}'),
    ).toBe(1);
    expect(
      value('sluis_suppressed_total{bericht="JW323",contract="LEK-JW-INTEGRAAL-TG",rule="TG-OVERIG-DECL",variant="taakgericht-minimaal"}'),
    ).toBe(1);
    expect(
      value(
        'sluis_suppressed_total{bericht="JW323",contract="LEK-JW-VERBLIJF-2027",rule="TS-DECL",variant="taakgericht-stelselindicatoren"}',
      ),
    ).toBe(1);
    expect(
      value('sluis_suppressed_total{bericht="JW301",contract="LEK-JW-INTEGRAAL-TG",rule="TM-TOEW",variant="taakgericht-minimaal"}'),
    ).toBe(1);
    expect(
      value('sluis_suppressed_total{bericht="JW305",contract="LEK-JW-INTEGRAAL-TG",rule="TM-REGIE",variant="taakgericht-minimaal"}'),
    ).toBe(1);
    expect(
      value(
        'sluis_suppressed_total{bericht="JW302",contract="LEK-JW-INTEGRAAL-TG",rule="RET-HEEN-NIET-BEZORGD",variant="taakgericht-minimaal"}',
      ),
    ).toBe(1);
    expect(
      value(
        'sluis_refused_total{bericht="JW323",contract="LEK-JW-VERBLIJF-2026+LEK-JW-VERBLIJF-2027",rule="DECL-GEMENGD",variant="gemengd"}',
      ),
    ).toBe(1);
    expect(value('sluis_refused_total{bericht="JW305",contract="none",rule="NC-REFUSE",variant="none"}')).toBe(1);
    // Steps 1 and 7 are 301s whose client address lies in 0363 by the test postcode table.
    expect(
      value('sluis_woonplaats_mismatch_total{bericht="JW301",zekerheid="hoog"}') +
        value('sluis_woonplaats_mismatch_total{bericht="JW301",zekerheid="midden"}'),
    ).toBe(2);
    const suppressedTotal = text
      .split('\n')
      .filter((l) => l.startsWith('sluis_suppressed_total{'))
      .reduce((s, l) => s + Number(l.split(' ').pop()), 0);
    expect(suppressedTotal).toBe(6);
    expect(text).not.toMatch(/\b9999\d{5}\b/);
    expect(gw.logs.join('')).not.toMatch(/\b9999\d{5}\b/);
  });

  it('state from the journal: a 301 answering an open woonplaats-verzoek is delivered (TM-TOEW-WPB); the verzoek then closes', async () => {
    const vot = sample('JW315');
    header(vot.bericht, '22220001', G, 'S19');
    products(vot.bericht, 'AangevraagdeProducten', 'AangevraagdProduct', 'ToewijzingIngangsdatum', '54', '2027-03-01');
    referentie(vot.bericht, 'AangevraagdeProducten', 'AangevraagdProduct', 'WPB-19');
    const r19 = (await postBuilt(gw, vot)).json();
    expect(r19.decision).toMatchObject({ action: 'route', addressee: G });
    expect(r19.decision.tags).toContain('woonplaatscheck');

    const toew = (identificatie: string): Built => {
      const s = sample('JW301');
      header(s.bericht, G, '22220001', identificatie);
      products(s.bericht, 'ToegewezenProducten', 'ToegewezenProduct', 'Ingangsdatum', '54', '2027-03-01');
      referentie(s.bericht, 'ToegewezenProducten', 'ToegewezenProduct', 'WPB-19');
      return s;
    };
    const r20 = (await postBuilt(gw, toew('S20'))).json();
    expect(r20.status).toBe('klaargezet');
    expect(r20.decision).toMatchObject({ action: 'route', addressee: '22220001' });
    expect(rules(r20.decision)).toContain('TM-TOEW-WPB');
    // The same answer again: the 301 of S20 closed the verzoek, so under taakgericht-minimaal it is suppressed.
    const r21 = (await postBuilt(gw, toew('S21'))).json();
    expect(r21.decision.action).toBe('suppress');
    expect(rules(r21.decision)).toContain('TM-TOEW');
    expect(rules(r21.decision)).not.toContain('TM-TOEW-WPB');

    // The store's answers directly: open/closed verzoeken (closed by a 301, by a rejecting 319), toewijzingen.
    const state = journalState(gw.db);
    const base = { standard: 'ijw' as const, gemeente: G, aanbieder: '22220001' };
    expect(await state.verzoek({ ...base, referentieAanbieder: 'WPB-19' })).toMatchObject({
      open: false,
      bericht: { summary: { nummer: '315', identificatie: 'S19' } },
    });
    // Step 5's 315 (VOT-2026-0042) was answered by step 6's 319 with VerzoekAntwoord 1 (afgewezen).
    expect(await state.verzoek({ ...base, referentieAanbieder: 'VOT-2026-0042' })).toMatchObject({
      open: false,
      bericht: { summary: { identificatie: 'S05' } },
    });
    expect(await state.verzoek({ ...base, referentieAanbieder: 'UNKNOWN' })).toBeUndefined();
    expect(await state.verzoek({ ...base, aanbieder: '22220002', referentieAanbieder: 'WPB-19' })).toBeUndefined();
    // ToewijzingNummer 26001234 (the sample's first line): S21 is the latest 301 with it for 22220001.
    expect(await state.toewijzing({ ...base, toewijzingNummer: '26001234' })).toEqual({ ingangsdatum: '2027-03-01', categorie: '54' });
    expect(await state.toewijzing({ ...base, aanbieder: '11110001', toewijzingNummer: '26001234' })).toEqual({
      ingangsdatum: '2026-11-01',
      categorie: '45',
    });
    expect(await state.toewijzing({ ...base, toewijzingNummer: '99999999' })).toBeUndefined();

    // As the journal stood when a bericht came in (replay): before S20 the verzoek was open, before S21 closed.
    const position = async (id: string): Promise<{ receivedAt: Date; id: string }> => {
      const row = (await gw.db.query<{ received_at: Date | string }>('SELECT received_at FROM journal WHERE id = $1', [id])).rows[0]!;
      return { receivedAt: new Date(row.received_at), id };
    };
    const asOf20 = journalState(gw.db, { before: await position(r20.id) });
    expect(await asOf20.verzoek({ ...base, referentieAanbieder: 'WPB-19' })).toMatchObject({ open: true });
    expect(await asOf20.toewijzing({ ...base, toewijzingNummer: '26001234' })).toEqual({ ingangsdatum: '2027-01-01', categorie: '54' }); // step 7's
    expect(await journalState(gw.db, { before: await position(r21.id) }).verzoek({ ...base, referentieAanbieder: 'WPB-19' })).toMatchObject(
      { open: false },
    );
    expect(
      await journalState(gw.db, { before: await position(r19.id) }).verzoek({ ...base, referentieAanbieder: 'WPB-19' }),
    ).toBeUndefined();
    const heen = {
      standard: 'ijw' as const,
      ref: { nummer: '301' as const, afzender: G, identificatie: 'S20', dagtekening: REGION_TODAY },
    };
    expect(await state.heenbericht(heen)).toMatchObject({ summary: { identificatie: 'S20' }, decision: { action: 'route' } });
    expect(await asOf20.heenbericht(heen)).toBeUndefined();

    // An open one: a new 315 nobody answered yet.
    const open = sample('JW315');
    header(open.bericht, '22220001', G, 'S22');
    products(open.bericht, 'AangevraagdeProducten', 'AangevraagdProduct', 'ToewijzingIngangsdatum', '54', '2027-03-01');
    referentie(open.bericht, 'AangevraagdeProducten', 'AangevraagdProduct', 'WPB-22');
    expect((await postBuilt(gw, open)).status).toBe(202);
    expect(await state.verzoek({ ...base, referentieAanbieder: 'WPB-22' })).toMatchObject({ open: true });
  });

  it("a hoofdaannemer may send the gemeente's 325 to its PxQ onderaannemer where the contract says so; nobody else may", async () => {
    const antwoord = (ontvanger: string, declaratie: string, identificatie: string): Built => {
      const s = sample('JW325');
      header(s.bericht, G, ontvanger, identificatie);
      const d = node(node(s.bericht.Header).DeclaratieIdentificatie);
      d.Identificatie = declaratie;
      d.Dagtekening = REGION_TODAY;
      return s;
    };
    // Step 10: 33330002 (PxQ, berichten to the hoofdaannemer) declared to 22220001, the penvoerder.
    const r = await postBuilt(gw, antwoord('33330002', 'S10', 'S25'), '22220001');
    expect(r.status).toBe(202);
    const b = r.json();
    expect(b.decision).toMatchObject({ action: 'route', addressee: '33330002' });
    const stored = (await call(gw, 'GET', `/api/v1/berichten/${b.id}`, { key: key('22220001') })).json();
    expect(stored).toMatchObject({ sender: G, submittedBy: '22220001', addressee: '33330002' });
    const search = (await call(gw, 'GET', '/api/v1/berichten?bericht=JW325', { key: key('22220001') }))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(search).toEqual([b.id]);
    // Not the other consortium members: they neither sent, posted nor received it.
    expect((await call(gw, 'GET', `/api/v1/berichten/${b.id}`, { key: key('22220002') })).status).toBe(403);
    const inbox = (await call(gw, 'GET', '/api/v1/postbus', { key: key('33330002') })).json().items.map((i: { id: string }) => i.id);
    expect(inbox).toEqual([b.id]);
    // Wrong senders keep their 403: a consortium lid that is not the penvoerder, an unrelated aanbieder,
    // the penvoerder for an onderaannemer whose berichten go to the gemeente, and a 301 (not sent namens the gemeente).
    for (const [as, ontvanger, nr] of [
      ['22220002', '33330002', 'S26'],
      ['55550001', '33330002', 'S27'],
      ['22220001', '33330001', 'S28'],
      ['33330002', '33330002', 'S29'],
    ] as const) {
      const x = await postBuilt(gw, antwoord(ontvanger, 'S10', nr), as);
      expect(x.status, `${as} → ${ontvanger}`).toBe(403);
      expect(x.json().type).toBe('urn:sluis:problem:forbidden-sender');
    }
    const toew = sample('JW301');
    header(toew.bericht, G, '33330002', 'S30');
    products(toew.bericht, 'ToegewezenProducten', 'ToegewezenProduct', 'Ingangsdatum', '54', '2027-03-01');
    expect((await postBuilt(gw, toew, '22220002')).status).toBe(403);
    // The gemeente itself still may.
    expect((await postBuilt(gw, antwoord('33330001', 'S09', 'S31'))).status).toBe(202);
  });

  it("a hoofdaannemer's Identificatie does not take the gemeente's: the gemeente may use it later without 9056", async () => {
    const antwoord = (ontvanger: string, declaratie: string, identificatie: string): Built => {
      const s = sample('JW325');
      header(s.bericht, G, ontvanger, identificatie);
      const d = node(node(s.bericht.Header).DeclaratieIdentificatie);
      d.Identificatie = declaratie;
      d.Dagtekening = REGION_TODAY;
      return s;
    };
    // 22220001 posted the gemeente's 325 'S25' above (for its PxQ onderaannemer 33330002).
    const own = await postBuilt(gw, antwoord('33330001', 'S09', 'S25'));
    expect(own.status).toBe(202);
    const r = own.json();
    expect(r.duplicateOf).toBeUndefined();
    expect(r.issues.map((i: { rule?: string }) => i.rule)).not.toContain('TR056');
    // And the hoofdaannemer's own re-post of its bytes is still an idempotent replay of its own row.
    const again = await postBuilt(gw, antwoord('33330002', 'S10', 'S25'), '22220001');
    expect(again.headers.get('sluis-idempotent-replay')).toBe('true');
    expect(again.json().id).not.toBe(r.id);
  });

  it('POST /api/v1/replays: operators only; a dry run with the same registry reproduces every decision; problems are typed and declared in OpenAPI', async () => {
    const doc = (await call(gw, 'GET', '/api/v1/openapi.json')).json();
    const json = 'application/json';
    const selection = JSON.stringify({ from: '2020-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z' });
    const answers: Res[] = [];
    const hit = async (opts: Parameters<typeof call>[3]): Promise<Res> => {
      const res = await call(gw, 'POST', '/api/v1/replays', opts);
      answers.push(res);
      return res;
    };
    expect((await hit({ body: selection, contentType: json })).status).toBe(401);
    expect((await hit({ key: key(G), body: selection, contentType: json })).json().type).toBe('urn:sluis:problem:forbidden');
    expect((await hit({ key: OPERATOR, body: selection, contentType: 'text/plain' })).status).toBe(415);
    expect((await hit({ key: OPERATOR, body: '{"from":', contentType: json })).json().type).toBe('urn:sluis:problem:bad-request');
    const bad = (await hit({ key: OPERATOR, body: JSON.stringify({ to: '2099-01-01T00:00:00Z' }), contentType: json })).json();
    expect(bad).toMatchObject({ type: 'urn:sluis:problem:replay-bad-selection', status: 400 });
    expect(typeof bad.option).toBe('string');

    const res = await hit({ key: OPERATOR, body: selection, contentType: json });
    expect(res.status).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ type: 'sluis.replay', dryRun: true, source: 'journal' });
    expect(report.counts.selected).toBeGreaterThanOrEqual(STEPS.length);
    // Same registry, state as it was when each bericht came in: nothing would change.
    expect(report.counts.changed).toBe(0);
    expect(report.counts.errors).toBe(0);

    const op = doc.paths['/api/v1/replays']?.post;
    expect(op).toBeDefined();
    for (const r of answers) {
      const declared = op.responses[String(r.status)];
      expect(declared, `POST /api/v1/replays → ${r.status}`).toBeDefined();
      const content = declared.$ref ? doc.components.responses.Problem.content : declared.content;
      expect(Object.keys(content)).toContain((r.headers.get('content-type') ?? '').split(';')[0]!);
    }
  });

  it('GET/PUT /api/v1/contracten: visibility and filters, problems, a PUT in force for the next bericht, the file not rewritten; every answer declared in OpenAPI', async () => {
    const doc = (await call(gw, 'GET', '/api/v1/openapi.json')).json();
    const seen: { method: string; template: string; res: Res }[] = [];
    const hit = async (method: string, path: string, template: string, opts: Parameters<typeof call>[3] = {}): Promise<Res> => {
      const res = await call(gw, method, path, opts);
      seen.push({ method, template, res });
      return res;
    };
    const ids = (r: Res): string[] =>
      r
        .json()
        .contracten.map((c: { id: string }) => c.id)
        .sort();
    const all = await hit('GET', '/api/v1/contracten', '/api/v1/contracten', { key: OPERATOR });
    expect(ids(all)).toEqual(['LEK-JW-AMBULANT-OG', 'LEK-JW-INTEGRAAL-TG', 'LEK-JW-VERBLIJF-2026', 'LEK-JW-VERBLIJF-2027']);
    expect(ids(await hit('GET', '/api/v1/contracten', '/api/v1/contracten', { key: key('44440001') }))).toEqual([
      'LEK-JW-VERBLIJF-2026',
      'LEK-JW-VERBLIJF-2027',
    ]);
    expect(ids(await hit('GET', '/api/v1/contracten?peildatum=2027-02-01', '/api/v1/contracten', { key: key('44440001') }))).toEqual([
      'LEK-JW-VERBLIJF-2027',
    ]);
    expect(ids(await hit('GET', '/api/v1/contracten?wet=Wmo', '/api/v1/contracten', { key: key(G) }))).toEqual([]);
    expect(ids(await hit('GET', '/api/v1/contracten', '/api/v1/contracten', { key: key('33330001') }))).toEqual(['LEK-JW-INTEGRAAL-TG']);
    expect(ids(await hit('GET', '/api/v1/contracten', '/api/v1/contracten', { key: key('55550001') }))).toEqual([]);
    expect((await hit('GET', '/api/v1/contracten?peildatum=1-2-2027', '/api/v1/contracten', { key: OPERATOR })).status).toBe(400);
    expect((await hit('GET', '/api/v1/contracten', '/api/v1/contracten', {})).status).toBe(401);
    expect(
      (await hit('GET', '/api/v1/contracten/LEK-JW-AMBULANT-OG', '/api/v1/contracten/{id}', { key: key('11110001') })).json().opdrachtnemer,
    ).toEqual({ agb: '11110001' });
    expect((await hit('GET', '/api/v1/contracten/LEK-JW-AMBULANT-OG', '/api/v1/contracten/{id}', { key: key('44440001') })).status).toBe(
      404,
    );

    const original = JSON.parse(registryBytes.toString('utf8')) as { contracten: Node[] };
    const verblijf2027 = structuredClone(original.contracten.find((c) => c.id === 'LEK-JW-VERBLIJF-2027')!);
    const json = 'application/json';
    // Every change says why (the registry keeps a history, decision 0032).
    const put = (path: string, template: string, body: string, k = OPERATOR, contentType = json): Promise<Res> =>
      hit('PUT', `${path}?reden=e2e`, template, { key: k, body, contentType });
    expect(
      (await put('/api/v1/contracten/LEK-JW-VERBLIJF-2027', '/api/v1/contracten/{id}', JSON.stringify(verblijf2027), key(G))).status,
    ).toBe(403);
    expect(
      (
        await put(
          '/api/v1/contracten/LEK-JW-VERBLIJF-2027',
          '/api/v1/contracten/{id}',
          JSON.stringify(verblijf2027),
          OPERATOR,
          'text/plain',
        )
      ).status,
    ).toBe(415);
    const badJson = await put('/api/v1/contracten', '/api/v1/contracten', '{"versie": 1,');
    expect(badJson.status).toBe(400);
    expect(badJson.json().type).toBe('urn:sluis:problem:bad-request');
    const invalid = await put(
      '/api/v1/contracten/LEK-JW-VERBLIJF-2027',
      '/api/v1/contracten/{id}',
      JSON.stringify({ ...verblijf2027, periode: { van: 'x' } }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.json()).toMatchObject({
      type: 'urn:sluis:problem:registry-invalid',
      errors: expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('$.periode') })]),
    });
    const overlap = await put(
      '/api/v1/contracten/LEK-JW-VERBLIJF-KOPIE',
      '/api/v1/contracten/{id}',
      JSON.stringify({ ...verblijf2027, id: 'LEK-JW-VERBLIJF-KOPIE' }),
    );
    expect(overlap.status).toBe(422);
    expect(JSON.stringify(overlap.json().errors)).toContain('LEK-JW-VERBLIJF-2027');

    // Before: a 305 in 2027 under taakgericht-stelselindicatoren is delivered (TS-REGIE).
    const start = (identificatie: string): Built => {
      const s = sample('JW305');
      header(s.bericht, '44440001', G, identificatie);
      products(s.bericht, 'StartProducten', 'StartProduct', 'Begindatum', '44', '2027-01-10');
      return s;
    };
    expect((await postBuilt(gw, start('S40'))).json().decision).toMatchObject({ action: 'route', addressee: G });
    // The region tightens the contract to taakgericht-minimaal: the next 305 is suppressed.
    const tightened = await put(
      '/api/v1/contracten/LEK-JW-VERBLIJF-2027',
      '/api/v1/contracten/{id}',
      JSON.stringify({ ...verblijf2027, profiel: 'taakgericht-minimaal' }),
    );
    expect(tightened.status).toBe(200);
    expect(tightened.headers.get('sluis-registry-persisted')).toBe('true');
    expect(tightened.json().profiel).toBe('taakgericht-minimaal');
    const after = (await postBuilt(gw, start('S41'))).json().decision;
    expect(after.action).toBe('suppress');
    expect(rules(after)).toContain('TM-REGIE');
    expect((await hit('GET', '/api/v1/contracten/LEK-JW-VERBLIJF-2027', '/api/v1/contracten/{id}', { key: OPERATOR })).json().profiel).toBe(
      'taakgericht-minimaal',
    );
    // A new contract is 201; the whole document back (with the new contract: never left out) restores the original rules.
    const nieuw = {
      ...structuredClone(original.contracten.find((c) => c.id === 'LEK-JW-AMBULANT-OG')!),
      id: 'LEK-WMO-NIEUW',
      wet: 'Wmo',
      producten: [{ categorie: '02' }],
    };
    expect((await put('/api/v1/contracten/LEK-WMO-NIEUW', '/api/v1/contracten/{id}', JSON.stringify(nieuw))).status).toBe(201);
    expect((await put('/api/v1/contracten', '/api/v1/contracten', registryBytes.toString('utf8'))).status).toBe(422);
    const restored = await put(
      '/api/v1/contracten',
      '/api/v1/contracten',
      JSON.stringify({ ...original, contracten: [...original.contracten, nieuw] }),
    );
    expect(restored.status).toBe(200);
    expect(restored.json()).toEqual({ contracten: 5 });
    expect((await postBuilt(gw, start('S42'))).json().decision).toMatchObject({ action: 'route', addressee: G });
    // The file in SLUIS_REGISTRY was never rewritten.
    expect(readFileSync(REGION_REGISTRY_FILE).equals(registryBytes)).toBe(true);

    for (const { method, template, res } of seen) {
      const op = doc.paths[template]?.[method.toLowerCase()];
      expect(op, `${method} ${template}`).toBeDefined();
      const declared = op.responses[String(res.status)];
      expect(declared, `${method} ${template} → ${res.status}`).toBeDefined();
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
      const content = declared.$ref ? doc.components.responses.Problem.content : declared.content;
      expect(Object.keys(content), `${method} ${template} → ${res.status} ${type}`).toContain(type);
    }
  });
});
