/**
 * The regie, verzoek/antwoord and toewijzing conversation rules (305/307, 315/317/319, 301) through the
 * running gateway (advise mode), on PGlite and PostgreSQL: per rule a passing and a failing scenario,
 * in both standards. The last bericht of a scenario carries the finding (or not).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { STORES, startGateway, type Gateway } from '../gateway/harness.js';
import {
  NOW,
  afgewezen,
  ctxFor,
  msg,
  runScenario,
  scenarioCases,
  setAll,
  start,
  stop,
  toewijzing,
  toewijzingVan,
  verzoek,
  type Ctx,
  type Scenario,
  type Step,
} from './scenario.js';

/** A step with every StatusAanlevering 3 (verwijderen). */
const verwijder = (s: Step): Step => ({ ...s, xml: setAll(s.xml, 'StatusAanlevering', '1', '3') });
/** A stop step with another Einddatum (the sample's is 2026-11-20). */
const eindigtOp = (s: Step, einddatum: string): Step => ({ ...s, xml: setAll(s.xml, 'Einddatum', '2026-11-20', einddatum) });
/** The sample 307 as a temporary stop (RedenBeeindiging 20), ending on `einddatum`. */
const tijdelijk = (c: Ctx, einddatum = '2026-11-20'): Step => {
  const s = eindigtOp(stop(c), einddatum);
  return { ...s, xml: setAll(s.xml, 'RedenBeeindiging', '[^<]*', '20') };
};

const REGIE: readonly Scenario[] = [
  {
    rule: 'TR063',
    name: 'a start removed after it was sent',
    finding: false,
    steps: (c) => [toewijzing(c), start(c), verwijder(start(c))],
  },
  { rule: 'TR063', name: 'a start removed that was never sent', finding: true, steps: (c) => [toewijzing(c), verwijder(start(c))] },
  {
    rule: 'TR063',
    name: 'a stop removed after it was sent',
    finding: false,
    steps: (c) => [toewijzing(c), start(c), stop(c), verwijder(stop(c))],
  },
  {
    rule: 'TR063',
    name: 'a stop removed twice',
    finding: true,
    steps: (c) => [toewijzing(c), start(c), stop(c), verwijder(stop(c)), verwijder(stop(c))],
  },
  { rule: 'TR074', name: 'a start, then its stop', finding: false, steps: (c) => [toewijzing(c), start(c), stop(c)] },
  { rule: 'TR074', name: 'the same start twice', finding: true, steps: (c) => [toewijzing(c), start(c), start(c)] },
  {
    rule: 'TR074',
    name: 'a stop sent again after its removal',
    finding: false,
    steps: (c) => [toewijzing(c), start(c), stop(c), verwijder(stop(c)), stop(c)],
  },
  { rule: 'TR074', name: 'the same stop twice', finding: true, steps: (c) => [toewijzing(c), start(c), stop(c), stop(c)] },
  { rule: 'TR071', name: 'a start removed before any stop', finding: false, steps: (c) => [toewijzing(c), start(c), verwijder(start(c))] },
  {
    rule: 'TR071',
    name: 'a start removed after its stop',
    finding: true,
    steps: (c) => [toewijzing(c), start(c), stop(c), verwijder(start(c))],
  },
  { rule: 'TR382', name: 'a stop with its start’s key', finding: false, steps: (c) => [toewijzing(c), start(c), stop(c)] },
  {
    rule: 'TR382',
    name: 'a stop with another Begindatum than its start',
    finding: true,
    steps: (c) => [toewijzing(c), start(c), { ...stop(c), xml: setAll(stop(c).xml, 'Begindatum', '2026-11-05', '2026-11-06') }],
  },
  { rule: 'TR413', name: 'a first temporary stop', finding: false, steps: (c) => [toewijzing(c), start(c), tijdelijk(c)] },
  {
    rule: 'TR413',
    name: 'a second temporary stop of the same start',
    finding: true,
    steps: (c) => [toewijzing(c), start(c), tijdelijk(c), tijdelijk(c, '2026-11-25')],
  },
  {
    rule: 'TR414',
    name: 'a definitive stop on the temporary stop’s Einddatum',
    finding: false,
    steps: (c) => [toewijzing(c), start(c), tijdelijk(c), stop(c)],
  },
  {
    rule: 'TR414',
    name: 'a definitive stop before the temporary stop’s Einddatum',
    finding: true,
    steps: (c) => [toewijzing(c), start(c), tijdelijk(c, '2026-11-25'), stop(c)],
  },
  {
    rule: 'TR415',
    name: 'a definitive stop after a temporary stop',
    finding: false,
    steps: (c) => [toewijzing(c), start(c), tijdelijk(c), stop(c)],
  },
  {
    rule: 'TR415',
    name: 'a second definitive stop of the same start',
    finding: true,
    steps: (c) => [toewijzing(c), start(c), stop(c), eindigtOp(stop(c), '2026-11-25')],
  },
];

/** A 319 "aanvraag in onderzoek" (VerzoekAntwoord 2, no RedenAfwijzingVerzoek nor Woonplaatsbeginsel). */
const inOnderzoek = (c: Ctx, ref: string): Step => {
  const xml = setAll(setAll(msg(c, '319'), 'ReferentieAanbieder', '[^<]*', ref), 'VerzoekAntwoord', '[^<]*', '2')
    .replace(/<([\w]+):RedenAfwijzingVerzoek>[^<]*<\/\1:RedenAfwijzingVerzoek>\s*/, '')
    .replace(/<([\w]+):Woonplaatsbeginsel>[\s\S]*?<\/\1:Woonplaatsbeginsel>\s*/, '');
  return { who: 'gemeente', xml };
};
/** The sample 301 with ReferentieAanbieder `ref` on its first ToegewezenProduct (honouring that verzoek). */
const toewijzingVoor = (c: Ctx, ref: string): Step => ({
  who: 'gemeente',
  xml: msg(c, '301').replace(
    /(<([\w]+):ToewijzingNummer>[^<]*<\/\2:ToewijzingNummer>)/,
    `$1<$2:ReferentieAanbieder>${ref}</$2:ReferentieAanbieder>`,
  ),
});
/** The sample 317 with Verzoek/ReferentieAanbieder `ref`. */
const vow = (c: Ctx, ref: string): Step => ({ who: 'aanbieder', xml: setAll(msg(c, '317'), 'ReferentieAanbieder', '[^<]*', ref) });

const VERZOEK: readonly Scenario[] = [
  {
    rule: 'TR347',
    name: 'a verzoek with a new ReferentieAanbieder',
    finding: false,
    steps: (c) => [verzoek(c, `${c.tag}-1`), verzoek(c, `${c.tag}-2`)],
  },
  {
    rule: 'TR347',
    name: 'a verzoek reusing the ReferentieAanbieder of an afgewezen one',
    finding: true,
    steps: (c) => [verzoek(c, `${c.tag}-1`), afgewezen(c, `${c.tag}-1`), verzoek(c, `${c.tag}-1`)],
  },
  {
    rule: 'TR347',
    name: 'a VOW after a VOT with its own reference',
    finding: false,
    steps: (c) => [verzoek(c, `${c.tag}-1`), vow(c, `${c.tag}-2`)],
  },
  { rule: 'TR347', name: 'a VOW reusing a VOT reference', finding: true, steps: (c) => [verzoek(c, `${c.tag}-1`), vow(c, `${c.tag}-1`)] },
  {
    rule: 'TR355',
    name: 'an afwijzing of a verzoek',
    finding: false,
    steps: (c) => [verzoek(c, `${c.tag}-1`), afgewezen(c, `${c.tag}-1`)],
  },
  { rule: 'TR355', name: 'an afwijzing of a verzoek never sent', finding: true, steps: (c) => [afgewezen(c, `${c.tag}-1`)] },
  { rule: 'TR355', name: 'an answer to a VOW', finding: false, steps: (c) => [vow(c, `${c.tag}-1`), inOnderzoek(c, `${c.tag}-1`)] },
  {
    rule: 'TR359',
    name: 'an afwijzing of a verzoek not toegewezen',
    finding: false,
    steps: (c) => [verzoek(c, `${c.tag}-1`), afgewezen(c, `${c.tag}-1`)],
  },
  {
    rule: 'TR359',
    name: 'an afwijzing after the toewijzing honouring the verzoek',
    finding: true,
    steps: (c) => [verzoek(c, `${c.tag}-1`), toewijzingVoor(c, `${c.tag}-1`), afgewezen(c, `${c.tag}-1`)],
  },
  { rule: 'TR360', name: 'a first "in onderzoek"', finding: false, steps: (c) => [verzoek(c, `${c.tag}-1`), inOnderzoek(c, `${c.tag}-1`)] },
  {
    rule: 'TR360',
    name: 'a second "in onderzoek"',
    finding: true,
    steps: (c) => [verzoek(c, `${c.tag}-1`), inOnderzoek(c, `${c.tag}-1`), inOnderzoek(c, `${c.tag}-1`)],
  },
  {
    rule: 'TR365',
    name: 'an afwijzing after "in onderzoek"',
    finding: false,
    steps: (c) => [verzoek(c, `${c.tag}-1`), inOnderzoek(c, `${c.tag}-1`), afgewezen(c, `${c.tag}-1`)],
  },
  {
    rule: 'TR365',
    name: 'a second afwijzing',
    finding: true,
    steps: (c) => [verzoek(c, `${c.tag}-1`), afgewezen(c, `${c.tag}-1`), afgewezen(c, `${c.tag}-1`)],
  },
];

/** The sample 301 without the ToegewezenProduct 26001235 (the sample 317 names the other two). */
const toewijzingZonder35 = (c: Ctx): Step => ({
  who: 'gemeente',
  xml: msg(c, '301').replace(
    /<([\w]+):ToegewezenProduct>(?:(?!<\/\1:ToegewezenProduct>)[\s\S])*?26001235[\s\S]*?<\/\1:ToegewezenProduct>\s*/,
    '',
  ),
});
/**
 * The sample 301's budget line 26001236 alone, made generiek: its Product (a Categorie without Code) left out.
 * Alone, as Sluis's TR302 counts a line without Product as overlapping every other line of the 301.
 */
const toewijzingGeneriek = (c: Ctx): Step => ({
  who: 'gemeente',
  xml: msg(c, '301')
    .replace(/<([\w]+):ToegewezenProduct>(?:(?!<\/\1:ToegewezenProduct>)[\s\S])*?2600123[45]<[\s\S]*?<\/\1:ToegewezenProduct>\s*/g, '')
    .replace(/(26001236<\/[\w]+:ToewijzingNummer>\s*)<([\w]+):Product>[\s\S]*?<\/\2:Product>\s*/, '$1'),
});
/** The sample 317 (OngewijzigdProduct 26001236, TeWijzigenProduct 26001234 from 2026-12-01, a NieuwProduct), edited by `f`. */
const vowMet = (c: Ctx, f: (xml: string) => string = (x) => x): Step => ({ who: 'aanbieder', xml: f(msg(c, '317')) });
/** The 317 with its TeWijzigenProduct and OngewijzigdProduct swapped: 26001236 (a budget without product code) is to change. */
const wisselBudget = (xml: string): string =>
  setAll(
    setAll(setAll(xml, 'ToewijzingNummer', '26001236', 'X'), 'ToewijzingNummer', '26001234', '26001236'),
    'ToewijzingNummer',
    'X',
    '26001234',
  );
/** `f` applied to the TeWijzigenProduct alone. */
const inTeWijzigen =
  (f: (xml: string) => string) =>
  (xml: string): string =>
    xml.replace(/<([\w]+):TeWijzigenProduct>[\s\S]*?<\/\1:TeWijzigenProduct>/, (m) => f(m));
/** The TeWijzigenProduct asks for a Budget instead of an Omvang, from `datum`. */
const budgetVanaf =
  (datum: string) =>
  (xml: string): string =>
    inTeWijzigen((x) => setAll(x, 'GewensteIngangsdatum', '2026-12-01', datum))(wisselBudget(xml)).replace(
      /(<([\w]+):TeWijzigenProduct>[\s\S]*?)<([\w]+):Omvang>[\s\S]*?<\/\3:Omvang>/,
      '$1<$2:Budget>1300000</$2:Budget>',
    );
/** One more OngewijzigdProduct: 26001235, the same product as the NieuwProduct, over the same months. */
const ookOngewijzigd35 = (xml: string): string =>
  xml.replace(
    /(<([\w]+):OngewijzigdProduct>[\s\S]*?<\/\2:OngewijzigdProduct>)/,
    '$1<$2:OngewijzigdProduct><$2:ToewijzingNummer>26001235</$2:ToewijzingNummer></$2:OngewijzigdProduct>',
  );

const VOW: readonly Scenario[] = [
  { rule: 'TR349', name: 'a VOW listing every actuele toewijzing', finding: false, steps: (c) => [toewijzingZonder35(c), vowMet(c)] },
  { rule: 'TR349', name: 'a VOW leaving one toewijzing out', finding: true, steps: (c) => [toewijzing(c), vowMet(c)] },
  { rule: 'TR350', name: 'an OngewijzigdProduct of a toewijzing', finding: false, steps: (c) => [toewijzing(c), vowMet(c)] },
  {
    rule: 'TR350',
    name: 'an OngewijzigdProduct of no toewijzing',
    finding: true,
    steps: (c) => [toewijzing(c), vowMet(c, (x) => setAll(x, 'ToewijzingNummer', '26001236', '26009999'))],
  },
  { rule: 'TR351', name: 'a TeWijzigenProduct of a toewijzing', finding: false, steps: (c) => [toewijzing(c), vowMet(c)] },
  {
    rule: 'TR351',
    name: 'a TeWijzigenProduct of a toewijzing to another client',
    finding: true,
    steps: (c) => [toewijzing({ ...c, bsn: c.other }), vowMet(c)],
  },
  { rule: 'TR357', name: 'a change from a future date', finding: false, steps: (c) => [toewijzing(c), vowMet(c)] },
  {
    rule: 'TR357',
    name: 'a change from a past date other than the Ingangsdatum',
    finding: true,
    steps: (c) => [
      toewijzing(c),
      vowMet(
        c,
        inTeWijzigen((x) => setAll(x, 'GewensteIngangsdatum', '2026-12-01', '2026-11-05')),
      ),
    ],
  },
  {
    rule: 'TR361',
    name: 'a NieuwProduct not overlapping the listed toewijzingen',
    finding: false,
    steps: (c) => [toewijzing(c), vowMet(c)],
  },
  {
    rule: 'TR361',
    name: 'a NieuwProduct overlapping the same product kept unchanged',
    finding: true,
    steps: (c) => [toewijzing(c), vowMet(c, ookOngewijzigd35)],
  },
  {
    rule: 'TR373',
    name: 'a Budget change from the Ingangsdatum',
    finding: false,
    steps: (c) => [toewijzing(c), vowMet(c, budgetVanaf('2026-11-01'))],
  },
  {
    rule: 'TR373',
    name: 'a Budget change from a later date',
    finding: true,
    steps: (c) => [toewijzing(c), vowMet(c, budgetVanaf('2026-12-01'))],
  },
  { rule: 'TR375', name: 'an Omvang for a toewijzing with a product code', finding: false, steps: (c) => [toewijzing(c), vowMet(c)] },
  {
    rule: 'TR375',
    name: 'an Omvang for an aspecifieke toewijzing (TR412’s)',
    finding: false,
    steps: (c) => [toewijzing(c), vowMet(c, wisselBudget)],
  },
  {
    rule: 'TR375',
    name: 'an Omvang for a generieke toewijzing (no Product)',
    finding: true,
    steps: (c) => [toewijzingGeneriek(c), vowMet(c, wisselBudget)],
  },
  { rule: 'TR411', name: 'an Omvang for a toewijzing with a product code', finding: false, steps: (c) => [toewijzing(c), vowMet(c)] },
  {
    rule: 'TR411',
    name: 'no Omvang for a toewijzing with a product code',
    finding: true,
    steps: (c) => [
      toewijzing(c),
      vowMet(
        c,
        inTeWijzigen((x) => x.replace(/<([\w]+):Omvang>[\s\S]*?<\/\1:Omvang>\s*/, '')),
      ),
    ],
  },
  {
    rule: 'TR412',
    name: 'a Budget for an aspecifieke toewijzing',
    finding: false,
    steps: (c) => [toewijzing(c), vowMet(c, budgetVanaf('2026-11-01'))],
  },
  {
    rule: 'TR412',
    name: 'an Omvang for an aspecifieke toewijzing (a Product without Code)',
    finding: true,
    steps: (c) => [toewijzing(c), vowMet(c, wisselBudget)],
  },
];

/** ToewijzingNummers of this scenario alone (the samples' numbers are shared by every scenario's client). */
const nummers = (c: Ctx): string[] => [1, 2, 3].map((i) => `${c.bsn.slice(-6)}${i}`);

const TOEWIJZING: readonly Scenario[] = [
  {
    rule: 'TR332',
    name: 'the same toewijzingen sent again to the client',
    finding: false,
    steps: (c) => [toewijzingVan(c, c.bsn, nummers(c)), toewijzingVan(c, c.bsn, nummers(c))],
  },
  {
    rule: 'TR332',
    name: 'the ToewijzingNummers of one client used for another',
    finding: true,
    steps: (c) => [toewijzingVan(c, c.bsn, nummers(c)), toewijzingVan(c, c.other, nummers(c))],
  },
  {
    rule: 'TR379',
    name: 'a toewijzing honouring a verzoek carries its reference',
    finding: false,
    steps: (c) => [verzoek(c, `${c.tag}-1`), toewijzingVoor(c, `${c.tag}-1`)],
  },
  { rule: 'TR379', name: 'a toewijzing with the reference of no verzoek', finding: true, steps: (c) => [toewijzingVoor(c, `${c.tag}-1`)] },
  {
    rule: 'TR379',
    name: 'a second toewijzing carrying the reference again',
    finding: true,
    steps: (c) => [verzoek(c, `${c.tag}-1`), toewijzingVoor(c, `${c.tag}-1`), toewijzingVoor(c, `${c.tag}-1`)],
  },
];

const SCENARIOS: readonly Scenario[] = [...REGIE, ...VERZOEK, ...VOW, ...TOEWIJZING];

describe.each(STORES)('the regie, verzoek and toewijzing rules through the gateway on %s (advise)', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => NOW });
  });
  afterAll(async () => {
    await gw?.close();
  });

  let n = 0;
  it.each(scenarioCases(SCENARIOS))('$standard $rule: $name → finding $finding', async (s) => {
    const c: Ctx = ctxFor(s.standard, n++, 'R');
    await runScenario(gw, s, c);
  });
});
