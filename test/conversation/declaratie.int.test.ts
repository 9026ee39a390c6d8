/**
 * The declaratie rules (323, 325, and TR385 on a 301) through the running gateway (advise mode), on
 * PGlite and PostgreSQL: per encoded rule a passing and a failing scenario, a short sequence of
 * berichten posted over HTTP, in both standards. 323s are built from the sample's header with the
 * prestaties a scenario names (totals kept right, so L2 passes); 301s are the sample's, renumbered
 * and dated. Helpers are duplicated from conversation.int.test.ts on purpose (one file per helper).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Standard } from '../../src/standard/model.js';
import { bericht, testBsn } from '../kafka/fixtures.js';
import { KEYS, STORES, post, startGateway, type Gateway, type Json } from '../gateway/harness.js';

/** Europe/Amsterdam: 1 December 2026 (every sample's Dagtekening is in November 2026). */
const NOW = new Date('2026-12-01T10:00:00Z');

type Who = 'gemeente' | 'aanbieder';
interface Step {
  readonly who: Who;
  readonly xml: string;
}
interface Ctx {
  readonly standard: Standard;
  readonly bsn: string;
  readonly other: string;
  /** Unique per scenario: identificaties and numbers are made from it. */
  readonly tag: string;
}
interface Scenario {
  readonly rule: string;
  readonly name: string;
  readonly finding: boolean;
  readonly steps: (c: Ctx) => Step[];
}

const P = (s: Standard): string => (s === 'ijw' ? 'JW' : 'WMO');
let seq = 0;
const id = (c: Ctx): string => `${c.tag}${(seq++).toString(36)}`.slice(0, 12);
const msg = (c: Ctx, nr: string, bsn = c.bsn): string => bericht({ id: `${P(c.standard)}${nr}`, identificatie: id(c), bsn });
const setAll = (xml: string, el: string, from: string, to: string): string =>
  xml.replace(new RegExp(`(<[\\w]+:${el}>)${from}(<)`, 'g'), `$1${to}$2`);

/** The sample 301's first product, per standard: categorie, code (its Omvang is in hours). */
const PRODUCT: Record<Standard, { categorie: string; code: string }> = {
  ijw: { categorie: '45', code: '45A01' },
  iwmo: { categorie: '02', code: '02A03' },
};
/** Another product of the standard's code list (the sample 301's second). */
const ANDER: Record<Standard, { categorie: string; code: string }> = {
  ijw: { categorie: '54', code: '54002' },
  iwmo: { categorie: '07', code: '07D01' },
};

interface Toewijzing {
  readonly nummer: string;
  readonly ingang?: string;
  readonly einde?: string;
  readonly reden13?: boolean;
  readonly bsn?: string;
  /** A Budget in eurocent instead of the first product's Omvang and Product/Code (Omvang and Budget exclude each other). */
  readonly budget?: number;
}
/** The sample 301 with its first product numbered `nummer` (the others nummer+1, +2), from `ingang` (default 2026-10-01). */
function toewijzing(c: Ctx, t: Toewijzing): Step {
  let xml = msg(c, '301', t.bsn ?? c.bsn);
  const nummers = [...new Set([...xml.matchAll(/<[\w]+:ToewijzingNummer>([^<]*)</g)].map((m) => m[1]!))];
  nummers.forEach((n, i) => {
    xml = setAll(xml, 'ToewijzingNummer', n, i === 0 ? t.nummer : `${t.nummer}${i}`);
  });
  xml = setAll(xml, 'Ingangsdatum', '[^<]*', t.ingang ?? '2026-10-01');
  const first = /<([\w]+):ToegewezenProduct>[\s\S]*?<\/\1:ToegewezenProduct>/.exec(xml)!;
  let product = first[0];
  const p = first[1]!;
  // A removal (RedenWijziging 13) ends the product on its Ingangsdatum (CS335).
  const einde = t.reden13 ? (t.ingang ?? '2026-10-01') : t.einde;
  if (einde !== undefined) product = product.replace(/(<[\w]+:Einddatum>)[^<]*(<)/, `$1${einde}$2`);
  if (t.reden13) product = product.replace(/(<\/[\w]+:Einddatum>)/, `$1<${p}:RedenWijziging>13</${p}:RedenWijziging>`);
  // A Budget goes with a product given by its Categorie alone (CD041: a Product/Code needs an Omvang).
  if (t.budget !== undefined)
    product = product
      .replace(/<([\w]+):Omvang>[\s\S]*?<\/\1:Omvang>/, `<${p}:Budget>${t.budget}</${p}:Budget>`)
      .replace(/<([\w]+):Code>[^<]*<\/\1:Code>/, '');
  return { who: 'gemeente', xml: xml.replace(first[0], product) };
}

interface Prestatie {
  readonly ref: string;
  readonly vorig?: string;
  readonly nummer: string;
  readonly categorie?: string;
  readonly code?: string;
  readonly begin?: string;
  readonly eind?: string;
  readonly eenheid?: string;
  readonly credit?: boolean;
  readonly bsn?: string;
  /** GeleverdVolume (default 2). */
  readonly volume?: number;
}
/** What a prestatie is worth in cents: GeleverdVolume × 5000, or the GeleverdVolume itself in Eenheid 83 (euro's, in cents: CS339). */
const EURO = '83';
const bedragVan = (x: Prestatie): number => (x.eenheid === EURO ? 1 : 5000) * (x.volume ?? 2);

/** One Prestatie element (worth bedragVan), `p`/`b` the bericht's and basisschema's prefixes; `extra` closes it (a 325's RetourCodes). */
function prestatieXml(c: Ctx, x: Prestatie, p: string, b: string, extra = ''): string {
  const e = (n: string, v: string, ns = p): string => `<${ns}:${n}>${v}</${ns}:${n}>`;
  const volume = x.volume ?? 2;
  const tarief = 5000;
  return e(
    'Prestatie',
    e('ProductReferentie', e('ReferentieNummer', x.ref, b) + (x.vorig !== undefined ? e('VorigReferentieNummer', x.vorig, b) : '')) +
      e('ToewijzingNummer', x.nummer) +
      e('ProductCategorie', x.categorie ?? PRODUCT[c.standard].categorie) +
      e('ProductCode', x.code ?? PRODUCT[c.standard].code) +
      e('ProductPeriode', e('Begindatum', x.begin ?? '2026-10-01', b) + e('Einddatum', x.eind ?? '2026-10-31', b)) +
      e('GeleverdVolume', String(volume)) +
      e('Eenheid', x.eenheid ?? '04') +
      // CD087: no ProductTarief with Eenheid 83.
      (x.eenheid === EURO ? '' : e('ProductTarief', String(tarief))) +
      e('IngediendBedrag', e('Bedrag', String(bedragVan(x)), b) + e('DebetCredit', x.credit ? 'C' : 'D', b)) +
      extra,
  );
}

/** A 323 (DeclaratiePeriode October 2026 unless told) with the given prestaties, grouped per client, totals right. */
function declaratie(
  c: Ctx,
  nummer: string,
  prestaties: readonly Prestatie[],
  periode: readonly [string, string] = ['2026-10-01', '2026-10-31'],
  dagtekening = '2026-11-03',
): Step {
  const sample = msg(c, '323');
  const p = /<([\w]+):Declaratie>/.exec(sample)![1]!;
  const b = /<([\w]+):Identificatie>/.exec(sample)![1]!;
  const header = sample.slice(0, sample.indexOf(`<${p}:Declaratie>`)).replace(/(<[\w]+:Dagtekening>)[^<]*(<)/, `$1${dagtekening}$2`);
  const e = (n: string, v: string, ns = p): string => `<${ns}:${n}>${v}</${ns}:${n}>`;
  let totaal = 0;
  const perClient = new Map<string, string[]>();
  for (const x of prestaties) {
    totaal += (x.credit ? -1 : 1) * bedragVan(x);
    const prestatie = prestatieXml(c, x, p, b);
    const bsn = x.bsn ?? c.bsn;
    perClient.set(bsn, [...(perClient.get(bsn) ?? []), prestatie]);
  }
  const clienten = [...perClient].map(([bsn, ps]) => e('Client', e('Bsn', bsn) + e('Prestaties', ps.join('')))).join('');
  const body = e(
    'Declaratie',
    e('DeclaratieNummer', nummer) +
      e('DeclaratiePeriode', e('Begindatum', periode[0], b) + e('Einddatum', periode[1], b)) +
      e('DeclaratieDagtekening', dagtekening) +
      e('TotaalIngediendBedrag', e('TotaalBedrag', String(Math.abs(totaal)), b) + e('DebetCredit', totaal < 0 ? 'C' : 'D', b)) +
      e('Clienten', clienten),
  );
  return { who: 'aanbieder', xml: `${header}${body}</${p}:Bericht>` };
}

/**
 * A 325 answering the 323 with `identificatie`: fully approved (no clients), or rejecting the one
 * prestatie `afgewezen` of a one-prestatie 323 (listed with RetourCode 9340, nothing toegekend).
 */
function antwoord(c: Ctx, identificatie: string, nummer: string, o: { afgewezen?: Prestatie; xsd?: string } = {}): Step {
  let xml = msg(c, '325');
  const p = /<([\w]+):DeclaratieAntwoord>/.exec(xml)![1]!;
  const b = /<([\w]+):Identificatie>/.exec(xml)![1]!;
  xml = xml.replace(/(<[\w]+:DeclaratieIdentificatie>\s*<[\w]+:Identificatie>)[^<]*(<)/, `$1${identificatie}$2`);
  xml = xml.replace(/(<[\w]+:DeclaratieIdentificatie>[\s\S]*?<[\w]+:Dagtekening>)[^<]*(<)/, '$12026-11-03$2');
  if (o.xsd !== undefined) xml = xml.replace(/(<[\w]+:XsdVersieDeclaratie>[\s\S]*?<[\w]+:BerichtXsdVersie>)[^<]*(<)/, `$1${o.xsd}$2`);
  const codes = (code: string): string => `<${p}:RetourCodes><${p}:RetourCode>${code}</${p}:RetourCode></${p}:RetourCodes>`;
  const clienten = o.afgewezen
    ? `<${p}:Clienten><${p}:Client><${p}:Bsn>${o.afgewezen.bsn ?? c.bsn}</${p}:Bsn><${p}:Prestaties>${prestatieXml(c, o.afgewezen, p, b, codes('9340'))}</${p}:Prestaties>${codes('0200')}</${p}:Client></${p}:Clienten>`
    : '';
  // The sample's Clienten (iWmo's has none) out; ours before DeclaratieAntwoord's own RetourCodes.
  xml = xml.replace(new RegExp(`<${p}:Clienten>[\\s\\S]*</${p}:Clienten>`), '');
  xml = xml.replace(
    new RegExp(`(<${p}:RetourCodes>(?:(?!<${p}:RetourCodes>)[\\s\\S])*</${p}:RetourCodes>\\s*</${p}:DeclaratieAntwoord>)`),
    `${clienten}$1`,
  );
  xml = xml.replace(/(<[\w]+:DeclaratieNummer>)[^<]*(<)/, `$1${nummer}$2`);
  // TR342: the returned prestaties sum to TotaalIngediendBedrag − TotaalToegekendBedrag.
  const ingediend = o.afgewezen ? (o.afgewezen.volume ?? 2) * 5000 : 10000;
  xml = xml.replace(/(<[\w]+:TotaalIngediendBedrag>\s*<[\w]+:TotaalBedrag>)[^<]*(<)/, `$1${ingediend}$2`);
  xml = xml.replace(/(<[\w]+:TotaalToegekendBedrag>\s*<[\w]+:TotaalBedrag>)[^<]*(<)/, `$1${o.afgewezen ? 0 : ingediend}$2`);
  xml = xml.replace(/(<[\w]+:(TotaalIngediendBedrag|TotaalToegekendBedrag)>[\s\S]*?<[\w]+:DebetCredit>)[^<]*(<)/g, '$1D$3');
  return { who: 'gemeente', xml };
}
/** The Identificatie of a step's bericht. */
const identificatieOf = (s: Step): string => /<[\w]+:Identificatie>([^<]*)</.exec(s.xml)![1]!;

const T = (c: Ctx): string => `7${c.tag.replace(/\D/g, '').padStart(6, '0')}`.slice(0, 9);

const SCENARIOS: readonly Scenario[] = [
  // TR338 family: the prestatie against its 301 line.
  ...['TR307', 'TR308', 'TR339', 'TR340', 'TR341', 'TR384'].map((rule): Scenario => ({
    rule,
    name: 'a prestatie as toegewezen',
    finding: false,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c) }])],
  })),
  {
    rule: 'TR341',
    name: 'minutes on a toewijzing in hours',
    finding: false,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c), eenheid: '01' }])],
  },
  {
    rule: 'TR307',
    name: 'a ProductPeriode before the Ingangsdatum',
    finding: true,
    steps: (c) => [toewijzing(c, { nummer: T(c), ingang: '2026-10-15' }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c) }])],
  },
  {
    rule: 'TR308',
    name: 'a ProductPeriode after the Einddatum',
    finding: true,
    steps: (c) => [toewijzing(c, { nummer: T(c), einde: '2026-10-20' }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c) }])],
  },
  {
    rule: 'TR339',
    name: 'another ProductCategorie',
    finding: true,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c), ...ANDER[c.standard] }])],
  },
  {
    rule: 'TR340',
    name: 'another ProductCode',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c), code: c.standard === 'ijw' ? '45A02' : '02A04' }]),
    ],
  },
  {
    rule: 'TR341',
    name: 'etmalen on a toewijzing in hours',
    finding: true,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c), eenheid: '14' }])],
  },
  {
    rule: 'TR384',
    name: 'a prestatie on a removed toewijzing',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      toewijzing(c, { nummer: T(c), reden13: true }),
      declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c) }]),
    ],
  },
  {
    rule: 'TR304',
    name: 'a prestatie under the toewijzing’s client',
    finding: false,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c) }])],
  },
  {
    rule: 'TR304',
    name: 'a prestatie under another client',
    finding: true,
    steps: (c) => [toewijzing(c, { nummer: T(c), bsn: c.other }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c) }])],
  },
  // Debet and credit.
  {
    rule: 'TR314',
    name: 'a new ReferentieNummer',
    finding: false,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]),
      declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}2`, nummer: T(c), begin: '2026-09-01', eind: '2026-09-30' }]),
    ],
  },
  {
    rule: 'TR314',
    name: 'a ReferentieNummer used before',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]),
      declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}1`, nummer: T(c), begin: '2026-09-01', eind: '2026-09-30' }]),
    ],
  },
  {
    rule: 'TR323',
    name: 'a credit of an earlier debet',
    finding: false,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]),
      declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}2`, vorig: `${c.tag}1`, credit: true, nummer: T(c) }]),
    ],
  },
  {
    rule: 'TR323',
    name: 'a credit of a debet never sent',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}2`, vorig: `${c.tag}9`, credit: true, nummer: T(c) }]),
    ],
  },
  {
    rule: 'TR323',
    name: 'a credit of a debet a 325 rejected',
    finding: true,
    steps: (c) => {
      const x = { ref: `${c.tag}1`, nummer: T(c) };
      const d = declaratie(c, `${c.tag}A`, [x]);
      return [
        toewijzing(c, { nummer: T(c) }),
        d,
        antwoord(c, identificatieOf(d), `${c.tag}A`, { afgewezen: x }),
        declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}2`, vorig: `${c.tag}1`, credit: true, nummer: T(c) }]),
      ];
    },
  },
  {
    rule: 'TR390',
    name: 'a first credit',
    finding: false,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]),
      declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}2`, vorig: `${c.tag}1`, credit: true, nummer: T(c) }]),
    ],
  },
  {
    rule: 'TR390',
    name: 'a second credit of the same debet',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]),
      declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}2`, vorig: `${c.tag}1`, credit: true, nummer: T(c) }]),
      declaratie(c, `${c.tag}C`, [{ ref: `${c.tag}3`, vorig: `${c.tag}1`, credit: true, nummer: T(c) }]),
    ],
  },
  {
    rule: 'TR389',
    name: 'a new debet after crediting the first, in the same bericht',
    finding: false,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]),
      declaratie(c, `${c.tag}B`, [
        { ref: `${c.tag}2`, vorig: `${c.tag}1`, credit: true, nummer: T(c) },
        { ref: `${c.tag}3`, nummer: T(c) },
      ]),
    ],
  },
  {
    rule: 'TR389',
    name: 'a second debet for the same period and product',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]),
      declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}3`, nummer: T(c) }]),
    ],
  },
  {
    rule: 'TR385',
    name: 'removing a toewijzing nothing was declared on',
    finding: false,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), toewijzing(c, { nummer: T(c), reden13: true })],
  },
  {
    rule: 'TR385',
    name: 'removing a toewijzing whose only debet a 325 rejected',
    finding: false,
    steps: (c) => {
      const x = { ref: `${c.tag}1`, nummer: T(c) };
      const d = declaratie(c, `${c.tag}A`, [x]);
      return [
        toewijzing(c, { nummer: T(c) }),
        d,
        antwoord(c, identificatieOf(d), `${c.tag}A`, { afgewezen: x }),
        toewijzing(c, { nummer: T(c), reden13: true }),
      ];
    },
  },
  {
    rule: 'TR385',
    name: 'removing a toewijzing with an approved debet',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]),
      toewijzing(c, { nummer: T(c), reden13: true }),
    ],
  },
  // Periods.
  ...['TR387', 'TR388', 'TR319'].map((rule): Scenario => ({
    rule,
    name: 'a prestatie for the whole month of the period',
    finding: false,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c) }])],
  })),
  {
    rule: 'TR387',
    name: 'a ProductPeriode from the 5th of the month',
    finding: true,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c), begin: '2026-10-05' }])],
  },
  {
    rule: 'TR388',
    name: 'a ProductPeriode to the 25th of the month',
    finding: true,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c), eind: '2026-10-25' }])],
  },
  {
    rule: 'TR319',
    name: 'a prestatie after the DeclaratiePeriode',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c), begin: '2026-11-01', eind: '2026-11-02' }]),
    ],
  },
  {
    rule: 'TR318',
    // The pair's journal holds other scenarios' October declaraties: November is the next period.
    name: 'November after October',
    finding: false,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]),
      declaratie(
        c,
        `${c.tag}B`,
        [{ ref: `${c.tag}2`, nummer: T(c), begin: '2026-11-01', eind: '2026-11-30' }],
        ['2026-11-01', '2026-11-30'],
        '2026-12-01',
      ),
    ],
  },
  {
    rule: 'TR318',
    // A second 323 in one period is normal (a separate credit declaratie, say).
    name: 'November after November',
    finding: false,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      ...[1, 2].map((n) =>
        declaratie(
          c,
          `${c.tag}${n}`,
          [{ ref: `${c.tag}${n}`, nummer: T(c), begin: '2026-11-01', eind: '2026-11-30' }],
          ['2026-11-01', '2026-11-30'],
          '2026-12-01',
        ),
      ),
    ],
  },
  {
    rule: 'TR318',
    name: 'October after November',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c) }),
      declaratie(
        c,
        `${c.tag}A`,
        [{ ref: `${c.tag}1`, nummer: T(c), begin: '2026-11-01', eind: '2026-11-30' }],
        ['2026-11-01', '2026-11-30'],
        '2026-12-01',
      ),
      declaratie(c, `${c.tag}B`, [
        { ref: `${c.tag}2`, nummer: T(c), code: ANDER[c.standard].code, categorie: ANDER[c.standard].categorie },
      ]),
    ],
  },
  // Volumes: the sample 301's first product is 3 hours per week.
  ...['TR321', 'TR322'].map((rule): Scenario => ({
    rule,
    name: '13 hours in October on 3 per week',
    finding: false,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c), volume: 13 }])],
  })),
  {
    rule: 'TR321',
    name: '14 hours in October on 3 per week',
    finding: true,
    steps: (c) => [toewijzing(c, { nummer: T(c) }), declaratie(c, `${c.tag}D`, [{ ref: `${c.tag}1`, nummer: T(c), volume: 14 }])],
  },
  // A Budget of 100 euro (10000 cents), declared in Eenheid 83.
  {
    rule: 'TR369',
    name: 'two declaraties of 60 and 40 euro on a Budget of 100',
    finding: false,
    steps: (c) => [
      toewijzing(c, { nummer: T(c), budget: 10000 }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c), volume: 6000, eenheid: EURO }]),
      declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}2`, nummer: T(c), volume: 4000, eenheid: EURO }]),
    ],
  },
  {
    rule: 'TR369',
    name: 'two declaraties of 60 and 40.01 euro on a Budget of 100',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c), budget: 10000 }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c), volume: 6000, eenheid: EURO }]),
      declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}2`, nummer: T(c), volume: 4001, eenheid: EURO }]),
    ],
  },
  {
    rule: 'TR322',
    name: 'two declaraties of 10 hours on a toewijzing of October only',
    finding: true,
    steps: (c) => [
      toewijzing(c, { nummer: T(c), einde: '2026-10-31' }),
      declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c), volume: 10 }]),
      declaratie(c, `${c.tag}B`, [{ ref: `${c.tag}2`, nummer: T(c), volume: 10 }]),
    ],
  },
  // The 325 link.
  ...['TR337', 'TR376', 'TR371'].map((rule): Scenario => ({
    rule,
    name: 'an answer to a declaratie Sluis took in',
    finding: false,
    steps: (c) => {
      const d = declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]);
      return [toewijzing(c, { nummer: T(c) }), d, antwoord(c, identificatieOf(d), `${c.tag}A`)];
    },
  })),
  {
    rule: 'TR371',
    name: 'an answer naming another XsdVersie',
    finding: true,
    steps: (c) => {
      const d = declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]);
      return [toewijzing(c, { nummer: T(c) }), d, antwoord(c, identificatieOf(d), `${c.tag}A`, { xsd: '9.9.9' })];
    },
  },
  ...['TR366', 'TR367', 'TR304'].map((rule): Scenario => ({
    rule,
    name: 'an answer rejecting a prestatie as declared',
    finding: false,
    steps: (c) => {
      const x = { ref: `${c.tag}1`, nummer: T(c) };
      const d = declaratie(c, `${c.tag}A`, [x]);
      return [toewijzing(c, { nummer: T(c) }), d, antwoord(c, identificatieOf(d), `${c.tag}A`, { afgewezen: x })];
    },
  })),
  {
    rule: 'TR366',
    name: 'an answer rejecting a prestatie never declared',
    finding: true,
    steps: (c) => {
      const d = declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]);
      return [
        toewijzing(c, { nummer: T(c) }),
        d,
        antwoord(c, identificatieOf(d), `${c.tag}A`, { afgewezen: { ref: `${c.tag}9`, nummer: T(c) } }),
      ];
    },
  },
  {
    rule: 'TR367',
    name: 'an answer with another GeleverdVolume',
    finding: true,
    steps: (c) => {
      const d = declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]);
      return [
        toewijzing(c, { nummer: T(c) }),
        d,
        antwoord(c, identificatieOf(d), `${c.tag}A`, { afgewezen: { ref: `${c.tag}1`, nummer: T(c), volume: 3 } }),
      ];
    },
  },
  {
    rule: 'TR304',
    name: 'an answer with the prestatie under another client',
    finding: true,
    steps: (c) => {
      const d = declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]);
      return [
        toewijzing(c, { nummer: T(c) }),
        d,
        antwoord(c, identificatieOf(d), `${c.tag}A`, { afgewezen: { ref: `${c.tag}1`, nummer: T(c), bsn: c.other } }),
      ];
    },
  },
  {
    rule: 'TR337',
    name: 'an answer to a declaratie never sent',
    finding: true,
    steps: (c) => [antwoord(c, `${c.tag}X`, `${c.tag}A`)],
  },
  {
    rule: 'TR376',
    name: 'an answer with another DeclaratieNummer',
    finding: true,
    steps: (c) => {
      const d = declaratie(c, `${c.tag}A`, [{ ref: `${c.tag}1`, nummer: T(c) }]);
      return [toewijzing(c, { nummer: T(c) }), d, antwoord(c, identificatieOf(d), `${c.tag}Z`)];
    },
  },
];

const KEY: Record<Who, string> = { gemeente: KEYS.gemeente0384, aanbieder: KEYS.aanbieder42420001 };
const rulesOf = (decision: Json): string[] => decision.reasons.map((r: { rule: string }) => r.rule);

describe.each(STORES)('the declaratie rules through the gateway on %s (advise)', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => NOW });
  });
  afterAll(async () => {
    await gw?.close();
  });

  let n = 0;
  const cases = (['ijw', 'iwmo'] as const).flatMap((standard) => SCENARIOS.map((s) => ({ standard, ...s })));
  it.each(cases)('$standard $rule: $name → finding $finding', async (s) => {
    n += 2;
    const c: Ctx = { standard: s.standard, bsn: testBsn(8000 + n), other: testBsn(8001 + n), tag: `D${s.standard[1]}${n}` };
    let last: Json;
    for (const step of s.steps(c)) {
      const r = await post(gw, step.xml, KEY[step.who]);
      expect(r.status, r.text).toBe(202);
      last = r.json();
      expect(last.decision?.action, JSON.stringify(last.issues)).toBe('route'); // advise: the action never changes
    }
    if (!s.finding) {
      expect(rulesOf(last.decision)).not.toContain(s.rule);
      return;
    }
    const mine = last.decision.reasons.filter((r: { rule: string }) => r.rule === s.rule);
    expect(mine.length, JSON.stringify(last.decision.reasons)).toBeGreaterThan(0);
    for (const r of mine) expect(r).toMatchObject({ severity: 'warning', advies: true });
    expect(last.decision.conversatie.findings.map((f: { rule: string }) => f.rule)).toContain(s.rule);
  });
});
