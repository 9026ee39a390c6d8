/**
 * The region Lekstroom scenario (test/fixtures/region.registry.json) as data: the repository's
 * sample berichten re-addressed and re-dated, one per step, with the decision the policy card
 * expects. Shared by the core-level test (src/decision/region.scenario.test.ts, which decides them
 * in order on a MemoryState) and the gateway end-to-end test (test/e2e/region.e2e.int.test.ts, which
 * posts them over HTTP in the same order), so both run the very same berichten.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageDef } from '../../src/standard/model.js';
import { parseBericht } from '../../src/validation/parse.js';

export const ROOT = join(import.meta.dirname, '../..');
export const REGION_REGISTRY_FILE = join(ROOT, 'test/fixtures/region.registry.json');
/** The scenario's clock: after the variant switch of 2027-01-01. */
export const REGION_TODAY = '2027-02-15';
/** Houten, the gemeente every step is about (except step 16: Lopik 0331). */
export const G = '0321';

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node => v as Node;
const asList = (v: unknown): Node[] => v as Node[];

export interface Built {
  readonly message: MessageDef;
  readonly bericht: Node;
}

export function sample(id: string): Built {
  const r = parseBericht(readFileSync(join(ROOT, 'samples', id.startsWith('JW') ? 'ijw' : 'iwmo', `${id}.xml`)));
  if (!r.success) throw new Error(id);
  return { message: r.message, bericht: structuredClone(r.bericht) };
}

/**
 * Every bericht is dated on the scenario's day (Dagtekening): the re-dated product periods lie before
 * it, as TR134/TR137 require, and a retour copies its heenbericht's header, date included.
 */
export function header(b: Node, afzender: string, ontvanger: string, identificatie: string): void {
  const h = asNode(b.Header);
  h.Afzender = afzender;
  h.Ontvanger = ontvanger;
  asNode(h.BerichtIdentificatie).Identificatie = identificatie;
  asNode(h.BerichtIdentificatie).Dagtekening = REGION_TODAY;
}

/**
 * The first product line of a 301/305/315 sample, with this categorie and date; the others are
 * dropped (two lines of one product on one date would overlap, TR302). The code is dropped because
 * contracts name categories, and with it the Omvang (CD080/CD095: no Omvang without a product code).
 */
export function products(b: Node, list: string, item: string, dateField: string, categorie: string, datum: string): void {
  const parent = asNode(asNode(b.Client)[list]);
  const first = asList(parent[item])[0]!;
  first.Product = { Categorie: categorie };
  first[dateField] = datum;
  delete first.Omvang;
  parent[item] = [first];
}

/** Every prestatie of the 323 sample gets categorie and ProductPeriode from `periods` (cycled). */
export function prestaties(b: Node, categorie: string, periods: readonly string[]): void {
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

/** Every product line of a 301/315 sample gets this ReferentieAanbieder (a woonplaats-verzoek and its answer). */
export function referentie(b: Node, list: string, item: string, ref: string): void {
  for (const p of asList(asNode(asNode(b.Client)[list])[item])) p.ReferentieAanbieder = ref;
}

export type Action = 'route' | 'suppress' | 'refuse';

export interface Step {
  readonly nr: number;
  readonly what: string;
  readonly build: () => Built;
  readonly expect: { readonly action: Action; readonly addressee?: string; readonly rule: string };
}

export const STEPS: readonly Step[] = [
  {
    nr: 1,
    what: 'gemeente → 11110001: 301 ambulant (outputgericht)',
    expect: { action: 'route', addressee: '11110001', rule: 'OG-TOEW' },
    build: () => {
      const s = sample('JW301');
      header(s.bericht, G, '11110001', 'S01');
      products(s.bericht, 'ToegewezenProducten', 'ToegewezenProduct', 'Ingangsdatum', '45', '2026-11-01');
      return s;
    },
  },
  {
    nr: 2,
    what: '11110001 → gemeente: 305 start',
    expect: { action: 'route', addressee: G, rule: 'OG-REGIE' },
    build: () => {
      const s = sample('JW305');
      header(s.bericht, '11110001', G, 'S02');
      products(s.bericht, 'StartProducten', 'StartProduct', 'Begindatum', '45', '2026-11-03');
      return s;
    },
  },
  {
    nr: 3,
    what: '11110001 → gemeente: 323 November 2026',
    expect: { action: 'route', addressee: G, rule: 'OG-DECL' },
    build: () => {
      const s = sample('JW323');
      header(s.bericht, '11110001', G, 'S03');
      prestaties(s.bericht, '45', ['2026-11-01']);
      return s;
    },
  },
  {
    nr: 4,
    what: 'consortium lid 22220002 → gemeente: 323 under taakgericht-minimaal',
    expect: { action: 'suppress', rule: 'TM-DECL' },
    build: () => {
      const s = sample('JW323');
      header(s.bericht, '22220002', G, 'S04');
      prestaties(s.bericht, '54', ['2026-11-01']);
      return s;
    },
  },
  {
    nr: 5,
    what: 'penvoerder 22220001 → gemeente: 315 (woonplaatscheck)',
    expect: { action: 'route', addressee: G, rule: 'TM-VOT' },
    build: () => {
      const s = sample('JW315');
      header(s.bericht, '22220001', G, 'S05');
      products(s.bericht, 'AangevraagdeProducten', 'AangevraagdProduct', 'ToewijzingIngangsdatum', '54', '2027-02-01');
      return s;
    },
  },
  {
    nr: 6,
    what: 'gemeente → 22220001: 319 reden 8 with Woonplaatsbeginsel/Gemeente (as in the sample)',
    expect: { action: 'route', addressee: '22220001', rule: 'TM-ANTW' },
    build: () => {
      const s = sample('JW319');
      header(s.bericht, G, '22220001', 'S06');
      return s;
    },
  },
  {
    nr: 7,
    what: 'gemeente → 22220001: 301 under taakgericht-minimaal (no open woonplaats-verzoek)',
    expect: { action: 'suppress', rule: 'TM-TOEW' },
    build: () => {
      const s = sample('JW301');
      header(s.bericht, G, '22220001', 'S07');
      products(s.bericht, 'ToegewezenProducten', 'ToegewezenProduct', 'Ingangsdatum', '54', '2027-01-01');
      for (const p of asList(asNode(asNode(s.bericht.Client).ToegewezenProducten).ToegewezenProduct)) delete p.ReferentieAanbieder;
      return s;
    },
  },
  {
    nr: 8,
    what: 'consortium lid 22220003 → gemeente: 305 (regieberichten not kept)',
    expect: { action: 'suppress', rule: 'TM-REGIE' },
    build: () => {
      const s = sample('JW305');
      header(s.bericht, '22220003', G, 'S08');
      products(s.bericht, 'StartProducten', 'StartProduct', 'Begindatum', '54', '2027-01-10');
      return s;
    },
  },
  {
    nr: 9,
    what: 'PxQ onderaannemer 33330001 → gemeente: 323',
    expect: { action: 'route', addressee: G, rule: 'PXQ-DECL' },
    build: () => {
      const s = sample('JW323');
      header(s.bericht, '33330001', G, 'S09');
      prestaties(s.bericht, '54', ['2027-01-01']);
      return s;
    },
  },
  {
    nr: 10,
    what: 'PxQ onderaannemer 33330002 → hoofdaannemer 22220001: 323 (provider-to-provider)',
    expect: { action: 'route', addressee: '22220001', rule: 'PXQ-DECL' },
    build: () => {
      const s = sample('JW323');
      header(s.bericht, '33330002', G, 'S10');
      prestaties(s.bericht, '54', ['2027-01-01']);
      return s;
    },
  },
  {
    nr: 11,
    what: 'other aanbieder 55550001 → gemeente: 323 for a taakgericht product',
    expect: { action: 'suppress', rule: 'TG-OVERIG-DECL' },
    build: () => {
      const s = sample('JW323');
      header(s.bericht, '55550001', G, 'S11');
      prestaties(s.bericht, '54', ['2027-01-01']);
      return s;
    },
  },
  {
    nr: 12,
    what: '44440001 → gemeente: 323 December 2026 (before the switch)',
    expect: { action: 'route', addressee: G, rule: 'OG-DECL' },
    build: () => {
      const s = sample('JW323');
      header(s.bericht, '44440001', G, 'S12');
      prestaties(s.bericht, '43', ['2026-12-01']);
      return s;
    },
  },
  {
    nr: 13,
    what: '44440001 → gemeente: 323 January 2027 (after the switch)',
    expect: { action: 'suppress', rule: 'TS-DECL' },
    build: () => {
      const s = sample('JW323');
      header(s.bericht, '44440001', G, 'S13');
      prestaties(s.bericht, '43', ['2027-01-01']);
      return s;
    },
  },
  {
    nr: 14,
    what: '44440001 → gemeente: 323 mixing December and January',
    expect: { action: 'refuse', rule: 'DECL-GEMENGD' },
    build: () => {
      const s = sample('JW323');
      header(s.bericht, '44440001', G, 'S14');
      prestaties(s.bericht, '43', ['2026-12-01', '2027-01-01']);
      return s;
    },
  },
  {
    nr: 15,
    what: '44440001 → gemeente: 305 in 2027 (stelselindicatoren, no TR019)',
    expect: { action: 'route', addressee: G, rule: 'TS-REGIE' },
    build: () => {
      const s = sample('JW305');
      header(s.bericht, '44440001', G, 'S15');
      products(s.bericht, 'StartProducten', 'StartProduct', 'Begindatum', '44', '2027-01-10');
      return s;
    },
  },
  {
    nr: 16,
    what: 'other aanbieder 55550001 → Lopik 0331 (refuses without contract): 305',
    expect: { action: 'refuse', rule: 'NC-REFUSE' },
    build: () => {
      const s = sample('JW305');
      header(s.bericht, '55550001', '0331', 'S16');
      products(s.bericht, 'StartProducten', 'StartProduct', 'Begindatum', '47', '2027-01-10');
      return s;
    },
  },
  {
    nr: 17,
    what: '11110001 → gemeente: 302 on step 1',
    expect: { action: 'route', addressee: G, rule: 'RET-HEEN' },
    build: () => {
      const s = sample('JW302');
      header(s.bericht, G, '11110001', 'S01');
      return s;
    },
  },
  {
    nr: 18,
    what: '22220001 → gemeente: 302 on step 7 (suppressed 301)',
    expect: { action: 'suppress', rule: 'RET-HEEN-NIET-BEZORGD' },
    build: () => {
      const s = sample('JW302');
      header(s.bericht, G, '22220001', 'S07');
      return s;
    },
  },
];

/** The postbus each party holds after STEPS, by step number (what the core-level test derives). */
export const EXPECTED_POSTBUS: Readonly<Record<string, readonly number[]>> = {
  '0321': [2, 3, 5, 9, 12, 15, 17],
  11110001: [1],
  22220001: [6, 10],
};
