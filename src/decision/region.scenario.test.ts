/**
 * The region scenario at core level: real berichten (the repository's samples, re-addressed and
 * re-dated), decided in sequence with a state that records each decision as the journal would, and
 * the resulting postbus of every party. The gateway end-to-end test (issue 5) posts the same berichten
 * through HTTP with `test/fixtures/region.registry.json` and asserts the same postbus contents.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistryChecker } from '../contracts/registry.js';
import { parseBericht } from '../xml/parse.js';
import { decide } from './decide.js';
import type { Decision } from './decision.js';
import { MemoryState } from './state.js';
import { summarize, type BerichtSummary } from './summary.js';

const ROOT = join(import.meta.dirname, '../..');
const reg = createRegistryChecker().check(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/region.registry.json'), 'utf8')), 'region');
if (!reg.ok) throw new Error('region fixture');
const TODAY = '2027-02-15';

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node => v as Node;
const asList = (v: unknown): Node[] => v as Node[];

function sample(id: string): { message: Parameters<typeof summarize>[0]; bericht: Node } {
  const r = parseBericht(readFileSync(join(ROOT, 'samples', id.startsWith('JW') ? 'ijw' : 'iwmo', `${id}.xml`)));
  if (!r.success) throw new Error(id);
  return { message: r.message, bericht: structuredClone(r.bericht) };
}

function header(b: Node, afzender: string, ontvanger: string, identificatie: string): void {
  const h = asNode(b.Header);
  h.Afzender = afzender;
  h.Ontvanger = ontvanger;
  asNode(h.BerichtIdentificatie).Identificatie = identificatie;
}

/** Every product line of a 301/305/315 sample gets this categorie and date (code dropped: contracts name categories). */
function products(b: Node, list: string, item: string, dateField: string, categorie: string, datum: string): void {
  for (const p of asList(asNode(asNode(b.Client)[list])[item])) {
    p.Product = { Categorie: categorie };
    p[dateField] = datum;
  }
}

/** Every prestatie of the 323 sample gets categorie and ProductPeriode from `periods` (cycled). */
function prestaties(b: Node, categorie: string, periods: readonly string[]): void {
  let i = 0;
  for (const c of asList(asNode(asNode(b.Declaratie).Clienten).Client)) {
    for (const p of asList(asNode(c.Prestaties).Prestatie)) {
      const start = periods[i++ % periods.length]!;
      p.ProductCategorie = categorie;
      p.ProductCode = `${categorie}A01`;
      p.ProductPeriode = { Begindatum: start, Einddatum: start.slice(0, 8) + '28' };
    }
  }
}

interface Step {
  readonly nr: number;
  readonly what: string;
  readonly build: () => { message: Parameters<typeof summarize>[0]; bericht: Node };
  readonly expect: { action: Decision['action']; addressee?: string; rule: string };
}

const G = '0321';
const steps: Step[] = [
  { nr: 1, what: 'gemeente → 11110001: 301 ambulant (outputgericht)', expect: { action: 'route', addressee: '11110001', rule: 'OG-TOEW' },
    build: () => { const s = sample('JW301'); header(s.bericht, G, '11110001', 'S01'); products(s.bericht, 'ToegewezenProducten', 'ToegewezenProduct', 'Ingangsdatum', '45', '2026-11-01'); return s; } },
  { nr: 2, what: '11110001 → gemeente: 305 start', expect: { action: 'route', addressee: G, rule: 'OG-REGIE' },
    build: () => { const s = sample('JW305'); header(s.bericht, '11110001', G, 'S02'); products(s.bericht, 'StartProducten', 'StartProduct', 'Begindatum', '45', '2026-11-03'); return s; } },
  { nr: 3, what: '11110001 → gemeente: 323 November 2026', expect: { action: 'route', addressee: G, rule: 'OG-DECL' },
    build: () => { const s = sample('JW323'); header(s.bericht, '11110001', G, 'S03'); prestaties(s.bericht, '45', ['2026-11-01']); return s; } },
  { nr: 4, what: 'consortium lid 22220002 → gemeente: 323 under taakgericht-minimaal', expect: { action: 'suppress', rule: 'TM-DECL' },
    build: () => { const s = sample('JW323'); header(s.bericht, '22220002', G, 'S04'); prestaties(s.bericht, '54', ['2026-11-01']); return s; } },
  { nr: 5, what: 'penvoerder 22220001 → gemeente: 315 (woonplaatscheck)', expect: { action: 'route', addressee: G, rule: 'TM-VOT' },
    build: () => { const s = sample('JW315'); header(s.bericht, '22220001', G, 'S05'); products(s.bericht, 'AangevraagdeProducten', 'AangevraagdProduct', 'ToewijzingIngangsdatum', '54', '2027-02-01'); return s; } },
  { nr: 6, what: 'gemeente → 22220001: 319 reden 8 with Woonplaatsbeginsel/Gemeente (as in the sample)', expect: { action: 'route', addressee: '22220001', rule: 'TM-ANTW' },
    build: () => { const s = sample('JW319'); header(s.bericht, G, '22220001', 'S06'); return s; } },
  { nr: 7, what: 'gemeente → 22220001: 301 under taakgericht-minimaal (no open woonplaats-verzoek)', expect: { action: 'suppress', rule: 'TM-TOEW' },
    build: () => { const s = sample('JW301'); header(s.bericht, G, '22220001', 'S07'); products(s.bericht, 'ToegewezenProducten', 'ToegewezenProduct', 'Ingangsdatum', '54', '2027-01-01'); for (const p of asList(asNode(asNode(s.bericht.Client).ToegewezenProducten).ToegewezenProduct)) delete p.ReferentieAanbieder; return s; } },
  { nr: 8, what: 'consortium lid 22220003 → gemeente: 305 (regieberichten not kept)', expect: { action: 'suppress', rule: 'TM-REGIE' },
    build: () => { const s = sample('JW305'); header(s.bericht, '22220003', G, 'S08'); products(s.bericht, 'StartProducten', 'StartProduct', 'Begindatum', '54', '2027-01-10'); return s; } },
  { nr: 9, what: 'PxQ onderaannemer 33330001 → gemeente: 323', expect: { action: 'route', addressee: G, rule: 'PXQ-DECL' },
    build: () => { const s = sample('JW323'); header(s.bericht, '33330001', G, 'S09'); prestaties(s.bericht, '54', ['2027-01-01']); return s; } },
  { nr: 10, what: 'PxQ onderaannemer 33330002 → hoofdaannemer 22220001: 323 (provider-to-provider)', expect: { action: 'route', addressee: '22220001', rule: 'PXQ-DECL' },
    build: () => { const s = sample('JW323'); header(s.bericht, '33330002', G, 'S10'); prestaties(s.bericht, '54', ['2027-01-01']); return s; } },
  { nr: 11, what: 'other aanbieder 55550001 → gemeente: 323 for a taakgericht product', expect: { action: 'suppress', rule: 'TG-OVERIG-DECL' },
    build: () => { const s = sample('JW323'); header(s.bericht, '55550001', G, 'S11'); prestaties(s.bericht, '54', ['2027-01-01']); return s; } },
  { nr: 12, what: '44440001 → gemeente: 323 December 2026 (before the switch)', expect: { action: 'route', addressee: G, rule: 'OG-DECL' },
    build: () => { const s = sample('JW323'); header(s.bericht, '44440001', G, 'S12'); prestaties(s.bericht, '43', ['2026-12-01']); return s; } },
  { nr: 13, what: '44440001 → gemeente: 323 January 2027 (after the switch)', expect: { action: 'suppress', rule: 'TS-DECL' },
    build: () => { const s = sample('JW323'); header(s.bericht, '44440001', G, 'S13'); prestaties(s.bericht, '43', ['2027-01-01']); return s; } },
  { nr: 14, what: '44440001 → gemeente: 323 mixing December and January', expect: { action: 'refuse', rule: 'DECL-GEMENGD' },
    build: () => { const s = sample('JW323'); header(s.bericht, '44440001', G, 'S14'); prestaties(s.bericht, '43', ['2026-12-01', '2027-01-01']); return s; } },
  { nr: 15, what: '44440001 → gemeente: 305 in 2027 (stelselindicatoren, no TR019)', expect: { action: 'route', addressee: G, rule: 'TS-REGIE' },
    build: () => { const s = sample('JW305'); header(s.bericht, '44440001', G, 'S15'); products(s.bericht, 'StartProducten', 'StartProduct', 'Begindatum', '44', '2027-01-10'); return s; } },
  { nr: 16, what: 'other aanbieder 55550001 → Lopik 0331 (refuses without contract): 305', expect: { action: 'refuse', rule: 'NC-REFUSE' },
    build: () => { const s = sample('JW305'); header(s.bericht, '55550001', '0331', 'S16'); products(s.bericht, 'StartProducten', 'StartProduct', 'Begindatum', '47', '2027-01-10'); return s; } },
  { nr: 17, what: '11110001 → gemeente: 302 on step 1', expect: { action: 'route', addressee: G, rule: 'RET-HEEN' },
    build: () => { const s = sample('JW302'); header(s.bericht, G, '11110001', 'S01'); return s; } },
  { nr: 18, what: '22220001 → gemeente: 302 on step 7 (suppressed 301)', expect: { action: 'suppress', rule: 'RET-HEEN-NIET-BEZORGD' },
    build: () => { const s = sample('JW302'); header(s.bericht, G, '22220001', 'S07'); return s; } },
];

describe('region Lekstroom scenario (core level)', () => {
  it('decides every bericht as the policy card says and fills each postbus accordingly', () => {
    const state = new MemoryState();
    const postbus = new Map<string, number[]>();
    const log: { nr: number; summary: BerichtSummary; decision: Decision }[] = [];
    for (const step of steps) {
      const { message, bericht } = step.build();
      const summary = summarize(message, bericht);
      const decision = decide(summary, reg.registry, state, TODAY);
      state.record(summary, decision);
      log.push({ nr: step.nr, summary, decision });
      expect({ nr: step.nr, action: decision.action, addressee: decision.addressee }, step.what).toEqual({ nr: step.nr, action: step.expect.action, addressee: step.expect.addressee });
      expect(decision.reasons.map((r) => r.rule), step.what).toContain(step.expect.rule);
      if (decision.action === 'route' && decision.addressee) postbus.set(decision.addressee, [...(postbus.get(decision.addressee) ?? []), step.nr]);
    }
    expect(Object.fromEntries(postbus)).toEqual({
      '0321': [2, 3, 5, 9, 12, 15, 17],
      11110001: [1],
      22220001: [6, 10],
    });
    // Every suppressed or refused bericht names its contract (or says there is none) and a rule.
    for (const { nr, decision } of log.filter((l) => l.decision.action !== 'route')) {
      const main = decision.reasons.find((r) => r.severity !== 'info');
      expect(main, `step ${nr}`).toBeDefined();
      if (nr !== 16) expect(decision.contractIds.length, `step ${nr}`).toBeGreaterThan(0);
    }
    expect(log.find((l) => l.nr === 5)!.decision.tags).toContain('woonplaatscheck');
    expect(log.find((l) => l.nr === 6)!.decision.tags).toContain('woonplaatscheck');
    expect(log.find((l) => l.nr === 10)!.decision.tags).toContain('naar-hoofdaannemer');
    expect(JSON.stringify(log)).not.toMatch(/\b9999\d{5}\b/);
  });
});
