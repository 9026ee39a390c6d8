/**
 * The conversation rules through the running gateway (advise mode), on PGlite and PostgreSQL: per
 * encoded rule a passing and a failing scenario — a short sequence of berichten posted over HTTP —
 * in both standards. The last bericht of a scenario carries the finding (or not); advise never
 * changes the decision's action. Samples from samples/{ijw,iwmo}, parties and BSNs substituted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Standard } from '../../src/standard/model.js';
import { bericht, testBsn } from '../kafka/fixtures.js';
import { KEYS, STORES, call, post, startGateway, type Gateway, type Json } from '../gateway/harness.js';

/** Europe/Amsterdam: 1 December 2026 (every sample's Dagtekening is in November 2026). */
const NOW = new Date('2026-12-01T10:00:00Z');

type Who = 'gemeente' | 'aanbieder';
interface Step {
  readonly who: Who;
  readonly xml: string;
}
interface Scenario {
  readonly rule: string;
  readonly name: string;
  /** Whether the last step carries a finding of `rule`. */
  readonly finding: boolean;
  readonly steps: (c: Ctx) => Step[];
}
interface Ctx {
  readonly standard: Standard;
  /** A fresh client per scenario. */
  readonly bsn: string;
  readonly other: string;
  /** Unique per scenario: identificaties and numbers are made from it. */
  readonly tag: string;
}

const P = (s: Standard): string => (s === 'ijw' ? 'JW' : 'WMO');
let seq = 0;
const id = (c: Ctx): string => `${c.tag}${(seq++).toString(36)}`.slice(0, 12);
const msg = (c: Ctx, nr: string, bsn = c.bsn, more: string[] = []): string =>
  bericht({ id: `${P(c.standard)}${nr}`, identificatie: id(c), bsn, moreBsns: more });
const setAll = (xml: string, el: string, from: string, to: string): string =>
  xml.replace(new RegExp(`(<[\\w]+:${el}>)${from}(<)`, 'g'), `$1${to}$2`);
const setFirst = (xml: string, el: string, to: string): string => xml.replace(new RegExp(`(<[\\w]+:${el}>)[^<]*(<)`), `$1${to}$2`);
/** The header Dagtekening (the first Dagtekening in a heenbericht). */
const dagtekening = (xml: string, d: string): string => setFirst(xml, 'Dagtekening', d);

const toewijzing = (c: Ctx): Step => ({ who: 'gemeente', xml: msg(c, '301') });
const start = (c: Ctx): Step => ({ who: 'aanbieder', xml: msg(c, '305') });
const stop = (c: Ctx): Step => ({ who: 'aanbieder', xml: msg(c, '307') });
/** A 305 for the sample 307's product only (the first StartProduct dropped), starting after that stop. */
const restart = (c: Ctx): Step => {
  const xml = msg(c, '305').replace(/<([\w]+):StartProduct>[\s\S]*?<\/\1:StartProduct>\s*/, '');
  return { who: 'aanbieder', xml: dagtekening(setAll(xml, 'Begindatum', '2026-11-05', '2026-11-21'), '2026-11-25') };
};
const verzoek = (c: Ctx, ref: string): Step => ({ who: 'aanbieder', xml: setAll(msg(c, '315'), 'ReferentieAanbieder', '[^<]*', ref) });
/** A 319 "verzoek afgewezen" (VerzoekAntwoord 1; the iWmo sample says 2, in onderzoek, which closes nothing). */
const afgewezen = (c: Ctx, ref: string): Step => {
  let xml = setAll(setAll(msg(c, '319'), 'ReferentieAanbieder', '[^<]*', ref), 'VerzoekAntwoord', '[^<]*', '1');
  if (!/RedenAfwijzingVerzoek>/.test(xml))
    xml = xml.replace(/(<([\w]+):VerzoekAntwoord>1<\/\2:VerzoekAntwoord>)/, '$1<$2:RedenAfwijzingVerzoek>1</$2:RedenAfwijzingVerzoek>');
  return { who: 'gemeente', xml };
};
const declaratie = (c: Ctx, nummer: string): Step => ({
  who: 'aanbieder',
  xml: setFirst(msg(c, '323', c.bsn, [c.other]), 'DeclaratieNummer', nummer),
});

/** The 323 sample's ToewijzingNummers per client, in order of its clients. */
function declaredPerClient(standard: Standard): string[][] {
  const xml = bericht({ id: `${P(standard)}323`, identificatie: 'x' });
  return xml
    .split(/<[\w]+:Bsn>/)
    .slice(1)
    .map((part) => [...new Set([...part.matchAll(/<[\w]+:ToewijzingNummer>([^<]*)</g)].map((m) => m[1]!))]);
}
/** A 301 assigning the given ToewijzingNummers (the sample's three lines renumbered) to `bsn`. */
function toewijzingVan(c: Ctx, bsn: string, nummers: readonly string[]): Step {
  let xml = msg(c, '301', bsn);
  const sample = [...new Set([...xml.matchAll(/<[\w]+:ToewijzingNummer>([^<]*)</g)].map((m) => m[1]!))];
  sample.forEach((n, i) => {
    xml = setAll(xml, 'ToewijzingNummer', n, nummers[i] ?? `${nummers[0]}${i}`);
  });
  return { who: 'gemeente', xml };
}

const SCENARIOS: readonly Scenario[] = [
  { rule: 'TR019', name: 'a start after its toewijzing', finding: false, steps: (c) => [toewijzing(c), start(c)] },
  { rule: 'TR019', name: 'a start without any toewijzing', finding: true, steps: (c) => [start(c)] },
  {
    rule: 'TR019',
    name: 'a stop for a toewijzing of another client',
    finding: true,
    steps: (c) => [toewijzing({ ...c, bsn: c.other }), stop(c)],
  },
  {
    rule: 'TR326',
    name: 'a new start after the stop of the running one',
    finding: false,
    steps: (c) => [toewijzing(c), start(c), stop(c), restart(c)],
  },
  { rule: 'TR326', name: 'a second start on a running product', finding: true, steps: (c) => [toewijzing(c), start(c), start(c)] },
  {
    rule: 'TR333',
    name: 'two declaraties with their own numbers',
    finding: false,
    steps: (c) => [declaratie(c, `${c.tag}A`), declaratie(c, `${c.tag}B`)],
  },
  {
    rule: 'TR333',
    name: 'a DeclaratieNummer used twice',
    finding: true,
    steps: (c) => [declaratie(c, `${c.tag}A`), declaratie(c, `${c.tag}A`)],
  },
  {
    rule: 'TR338',
    name: 'a declaratie for products assigned to each client',
    finding: false,
    steps: (c) => {
      const [a, b] = declaredPerClient(c.standard);
      return [toewijzingVan(c, c.bsn, a!), toewijzingVan(c, c.other, b!), declaratie(c, `${c.tag}D`)];
    },
  },
  {
    rule: 'TR338',
    name: 'a declaratie for a product never assigned to the second client',
    finding: true,
    steps: (c) => {
      const [a] = declaredPerClient(c.standard);
      return [toewijzingVan(c, c.bsn, a!), declaratie(c, `${c.tag}D`)];
    },
  },
  {
    rule: 'TR374',
    name: 'a new verzoek after the first was afgewezen',
    finding: false,
    steps: (c) => [verzoek(c, `${c.tag}-1`), afgewezen(c, `${c.tag}-1`), verzoek(c, `${c.tag}-2`)],
  },
  {
    rule: 'TR374',
    name: 'a second verzoek while the first is open',
    finding: true,
    steps: (c) => [verzoek(c, `${c.tag}-1`), verzoek(c, `${c.tag}-2`)],
  },
  {
    rule: 'TR135',
    name: 'a Dagtekening of today',
    finding: false,
    steps: (c) => [{ who: 'gemeente', xml: dagtekening(msg(c, '301'), '2026-12-01') }],
  },
  {
    rule: 'TR135',
    name: 'a Dagtekening of tomorrow',
    finding: true,
    steps: (c) => [{ who: 'gemeente', xml: dagtekening(msg(c, '301'), '2026-12-02') }],
  },
];

const KEY: Record<Who, string> = { gemeente: KEYS.gemeente0384, aanbieder: KEYS.aanbieder42420001 };
const rulesOf = (decision: Json): string[] => decision.reasons.map((r: { rule: string }) => r.rule);

describe.each(STORES)('the conversation rules through the gateway on %s (advise)', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => NOW });
  });
  afterAll(async () => {
    await gw?.close();
  });

  let n = 0;
  const scenarioCases = (['ijw', 'iwmo'] as const).flatMap((standard) => SCENARIOS.map((s) => ({ standard, ...s })));
  it.each(scenarioCases)('$standard $rule: $name → finding $finding', async (s) => {
    n += 2;
    const c: Ctx = { standard: s.standard, bsn: testBsn(7000 + n), other: testBsn(7001 + n), tag: `C${s.standard[1]}${n}` };
    let last: Json;
    for (const step of s.steps(c)) {
      const r = await post(gw, step.xml, KEY[step.who]);
      expect(r.status, r.text).toBe(202);
      last = r.json();
      expect(last.decision.action).toBe('route'); // advise: the action never changes
    }
    const mine = last.decision.reasons.filter((r: { rule: string }) => r.rule === s.rule);
    if (!s.finding) {
      expect(rulesOf(last.decision)).not.toContain(s.rule);
      return;
    }
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine) expect(r).toMatchObject({ severity: 'warning', advies: true, retourCode: expect.stringMatching(/^\d{4}$/) });
    expect(last.decision.tags).toContain('conversatie');
    expect(last.decision.conversatie.findings.map((f: { rule: string }) => f.rule)).toContain(s.rule);
    if (s.rule === 'TR338') for (const r of mine) expect(r.path).toMatch(/\/Client\[2\]\//);
  });

  it('the finding shows in GET /api/v1/berichten/{id} and in /metrics; the summary holds no BSN', async () => {
    const c: Ctx = { standard: 'ijw', bsn: testBsn(7900), other: testBsn(7901), tag: 'CGET' };
    const r = (await post(gw, start(c).xml, KEYS.aanbieder42420001)).json();
    const stored = (await call(gw, 'GET', `/api/v1/berichten/${r.id}`, { key: KEYS.operator })).json();
    expect(stored.decision.reasons).toEqual(r.decision.reasons);
    expect(stored.decision.reasons.find((x: { rule: string }) => x.rule === 'TR019')).toMatchObject({ retourCode: '9019' });
    expect(JSON.stringify(stored.decision)).not.toContain(c.bsn);
    expect(stored.decision.summary.items[0].client).toMatch(/^[0-9a-f]{32}$/);
    const metrics = (await call(gw, 'GET', '/metrics', { key: KEYS.operator })).text;
    expect(metrics).toMatch(/sluis_conversation_findings_total\{[^}]*rule="TR019"[^}]*\} [1-9]/);
  });
});
