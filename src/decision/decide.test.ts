import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistryChecker } from '../contracts/registry.js';
import type { Contract } from '../contracts/types.js';
import { BERICHT_NUMMERS, type BerichtNummer, type Standard } from '../standard/model.js';
import { decide } from './decide.js';
import type { Decision } from './decision.js';
import { POLICY, RULE } from './policy.js';
import { EMPTY_STATE, MemoryState } from './state.js';
import { mk, registryOf } from '../../test/support/decision-testkit.js';

const checker = createRegistryChecker();
const NOW = '2027-03-15T10:00:00Z';

// ---------------------------------------------------------------------------------------------
// The PRODUCT §3 table, written out literally (not derived from POLICY) so the test can disagree.
// ---------------------------------------------------------------------------------------------
type Profiel = 'inspanningsgericht' | 'outputgericht' | 'taakgericht-minimaal' | 'taakgericht-stelselindicatoren';
const PROFIELEN: readonly Profiel[] = ['inspanningsgericht', 'outputgericht', 'taakgericht-minimaal', 'taakgericht-stelselindicatoren'];
const R = 'route' as const;
const S = 'suppress' as const;
/** Rows: 301/302 · 305–308 · 315/316 · 317/318 · 319/320 · 323/325. */
const CARD: Record<Profiel, Record<BerichtNummer, 'route' | 'suppress'>> = {
  inspanningsgericht: { 301: R, 302: R, 305: R, 306: R, 307: R, 308: R, 315: R, 316: R, 317: R, 318: R, 319: R, 320: R, 323: R, 325: R },
  outputgericht: { 301: R, 302: R, 305: R, 306: R, 307: R, 308: R, 315: R, 316: R, 317: R, 318: R, 319: R, 320: R, 323: R, 325: R },
  'taakgericht-minimaal': {
    301: S,
    302: S,
    305: S,
    306: S,
    307: S,
    308: S,
    315: R,
    316: R,
    317: S,
    318: S,
    319: R,
    320: R,
    323: S,
    325: S,
  },
  'taakgericht-stelselindicatoren': {
    301: R,
    302: R,
    305: R,
    306: R,
    307: R,
    308: R,
    315: R,
    316: R,
    317: R,
    318: R,
    319: R,
    320: R,
    323: S,
    325: S,
  },
};
const FROM_AANBIEDER: ReadonlySet<BerichtNummer> = new Set(['302', '305', '307', '315', '317', '320', '323']);

const H = '10000001'; // penvoerder / hoofdaannemer
const L = '10000002'; // consortium lid
const P_GEM = '10000003'; // PxQ onderaannemer, berichten to the gemeente
const P_HFD = '10000004'; // PxQ onderaannemer, berichten to the hoofdaannemer
const O = '10000009'; // other aanbieder, in no contract
const GEM = '0321';
type Kind = 'hoofdaannemer' | 'consortium-lid' | 'pxq→gemeente' | 'pxq→hoofdaannemer' | 'overige aanbieder';
const KINDS: Record<Kind, string> = {
  hoofdaannemer: H,
  'consortium-lid': L,
  'pxq→gemeente': P_GEM,
  'pxq→hoofdaannemer': P_HFD,
  'overige aanbieder': O,
};

function contractFor(profiel: Profiel, wet: 'Jeugdwet' | 'Wmo'): Contract {
  const taak = profiel.startsWith('taakgericht');
  return {
    id: `C-${profiel}`,
    wet,
    gemeenten: [GEM],
    opdrachtnemer: { consortium: { naam: 'Consortium', penvoerder: H, leden: [H, L] } },
    periode: { van: '2026-01-01' },
    uitvoeringsvariant: taak ? 'taakgericht' : (profiel as 'inspanningsgericht' | 'outputgericht'),
    ...(taak ? { profiel: profiel as 'taakgericht-minimaal' } : {}),
    bekostiging: taak ? 'populatie' : 'PxQ',
    onderaannemers: [
      { agb: P_GEM, bekostiging: 'PxQ', berichtenNaar: 'gemeente' },
      { agb: P_HFD, bekostiging: 'PxQ', berichtenNaar: 'hoofdaannemer' },
    ],
  };
}

describe('policy table (PRODUCT §3): every variant/profile × BerichtCode × sender kind × standard', () => {
  it('has exactly one row per (profiel, groep) and unique ids', () => {
    const keys = POLICY.map((p) => `${p.profiel}/${p.groep}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(5 * 6);
    expect(new Set(POLICY.map((p) => p.id)).size).toBe(POLICY.length);
  });

  const cases: [Standard, Profiel, BerichtNummer, Kind][] = [];
  for (const std of ['ijw', 'iwmo'] as const)
    for (const p of PROFIELEN) for (const n of BERICHT_NUMMERS) for (const k of Object.keys(KINDS) as Kind[]) cases.push([std, p, n, k]);

  it.each(cases)('%s %s %s from/to %s', (std, profiel, nummer, kind) => {
    const reg = registryOf([contractFor(profiel, std === 'ijw' ? 'Jeugdwet' : 'Wmo')], {}, checker);
    const agb = KINDS[kind];
    const d = decide(
      mk(std, nummer, agb, { gemeente: GEM, datum: '2026-05-01', categorie: std === 'ijw' ? '45' : '02' }),
      reg,
      EMPTY_STATE,
      NOW,
    );
    const taak = profiel.startsWith('taakgericht');
    const counterpart = FROM_AANBIEDER.has(nummer) ? GEM : agb;
    const isDecl = nummer === '323' || nummer === '325';
    let expected: { action: string; addressee?: string; rule?: string };
    switch (kind) {
      case 'hoofdaannemer':
      case 'consortium-lid':
        expected = CARD[profiel][nummer] === 'route' ? { action: 'route', addressee: counterpart } : { action: 'suppress' };
        break;
      case 'pxq→gemeente':
        expected = { action: 'route', addressee: counterpart };
        break;
      case 'pxq→hoofdaannemer':
        // Toewijzing, start/stop and declaratie go to the hoofdaannemer; verzoeken and antwoorden stay with the gemeente.
        expected = { action: 'route', addressee: FROM_AANBIEDER.has(nummer) && !['315', '317', '320'].includes(nummer) ? H : counterpart };
        break;
      case 'overige aanbieder':
        expected =
          taak && isDecl
            ? { action: 'suppress', rule: RULE.TAAKGERICHT_OVERIGE_AANBIEDER }
            : {
                action: 'route',
                addressee: counterpart,
                rule: ['315', '316', '319', '320'].includes(nummer) ? RULE.GEEN_CONTRACT_VERZOEK : RULE.GEEN_CONTRACT_ROUTE,
              };
        break;
    }
    // Woonplaatsbeginsel traffic (iJw 315/316) is never suppressed, and is tagged, in every variant.
    if (std === 'ijw' && (nummer === '315' || nummer === '316')) {
      expect(d.tags).toContain('woonplaatscheck');
      expect(d.action).toBe('route');
    }
    expect(d.action).toBe(expected.action);
    if (expected.addressee) expect(d.addressee).toBe(expected.addressee);
    else expect(d.addressee).toBeUndefined();
    if (expected.rule) expect(d.reasons.map((r) => r.rule)).toContain(expected.rule);
    // Every decision names its contract and variant, or says there is none.
    if (kind !== 'overige aanbieder') {
      expect(d.contractIds).toEqual([`C-${profiel}`]);
      expect(d.reasons.some((r) => r.contractId === `C-${profiel}` && r.variant === profiel)).toBe(true);
    } else if (!(taak && isDecl)) {
      expect(d.tags).toContain('geen-contract');
    }
    // Provider-to-provider only for a PxQ onderaannemer whose contract says so.
    if (d.action === 'route' && d.addressee !== undefined && /^\d{8}$/.test(d.addressee) && FROM_AANBIEDER.has(nummer)) {
      expect(kind).toBe('pxq→hoofdaannemer');
      expect(d.tags).toContain('naar-hoofdaannemer');
    }
    // Taakgericht start/stop never links to a toewijzing.
    if (
      taak &&
      d.action === 'route' &&
      ['305', '306', '307', '308'].includes(nummer) &&
      !kind.startsWith('pxq') &&
      kind !== 'overige aanbieder'
    ) {
      expect(d.tags).toContain('zonder-toewijzing');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The region fixture (also used by the gateway end-to-end test).
// ---------------------------------------------------------------------------------------------
const regionCheck = checker.check(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../test/fixtures/region.registry.json'), 'utf8')),
  'region',
);
if (!regionCheck.ok) throw new Error('region fixture invalid');
const region = regionCheck.registry;

function reasonRules(d: Decision): string[] {
  return d.reasons.map((r) => r.rule);
}

describe('region Lekstroom', () => {
  it('keeps the old rules for periods before the variant switch on 2027-01-01', () => {
    const before = decide(mk('ijw', '323', '44440001', { datum: '2026-12-01', categorie: '43' }), region, EMPTY_STATE, NOW);
    expect(before).toMatchObject({ action: 'route', addressee: GEM, contractIds: ['LEK-JW-VERBLIJF-2026'] });
    const after = decide(mk('ijw', '323', '44440001', { datum: '2027-01-01', categorie: '43' }), region, EMPTY_STATE, NOW);
    expect(after).toMatchObject({ action: 'suppress', contractIds: ['LEK-JW-VERBLIJF-2027'] });
    expect(after.reasons[0]).toMatchObject({
      rule: 'TS-DECL',
      contractId: 'LEK-JW-VERBLIJF-2027',
      variant: 'taakgericht-stelselindicatoren',
      severity: 'warning',
    });
    const stop2026 = decide(mk('ijw', '307', '44440001', { datum: '2026-06-01', categorie: '44' }), region, EMPTY_STATE, NOW);
    expect(stop2026.tags).not.toContain('zonder-toewijzing');
    const start2027 = decide(mk('ijw', '305', '44440001', { datum: '2027-02-01', categorie: '44' }), region, EMPTY_STATE, NOW);
    expect(start2027).toMatchObject({ action: 'route', tags: ['zonder-toewijzing'] });
  });

  it('refuses a mixed declaratie as a whole, naming the prestaties by path and ProductReferentie', () => {
    const d = decide(
      mk('ijw', '323', '44440001', { categorie: '43', items: [{ datum: '2026-12-01' }, { datum: '2027-01-01' }, { datum: '2026-11-01' }] }),
      region,
      EMPTY_STATE,
      NOW,
    );
    expect(d.action).toBe('refuse');
    const mixed = d.reasons.find((r) => r.rule === RULE.GEMENGDE_DECLARATIE);
    expect(mixed?.items).toEqual(['/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[2] (ProductReferentie REF2)']);
    expect(d.items.map((i) => i.action)).toEqual(['route', 'suppress', 'route']);
    expect(JSON.stringify(d)).not.toMatch(/\b9999\d{5}\b/);
  });

  it('routes PxQ onderaannemers to the party the contract names; suppresses everybody else declaring under taakgericht', () => {
    const cases: [string, string, Partial<Decision>][] = [
      ['33330001', '54', { action: 'route', addressee: GEM }],
      ['33330002', '54', { action: 'route', addressee: '22220001', tags: ['naar-hoofdaannemer'] }],
      ['33330003', '54', { action: 'suppress' }],
      ['22220002', '54', { action: 'suppress' }],
      ['22220001', '46', { action: 'suppress' }],
      ['55550001', '54', { action: 'suppress' }],
      ['11110001', '45', { action: 'route', addressee: GEM }],
    ];
    for (const [agb, cat, expected] of cases) {
      const d = decide(mk('ijw', '323', agb, { categorie: cat, datum: '2026-04-01' }), region, EMPTY_STATE, NOW);
      expect({ agb, ...d }).toMatchObject({ agb, ...expected });
    }
    const other = decide(mk('ijw', '323', '55550001', { categorie: '54', datum: '2026-04-01' }), region, EMPTY_STATE, NOW);
    expect(other.reasons[0]).toMatchObject({ rule: RULE.TAAKGERICHT_OVERIGE_AANBIEDER, contractId: 'LEK-JW-INTEGRAAL-TG' });
  });

  it('applies the no-contract setting per gemeente', () => {
    const routed = decide(mk('ijw', '305', '55550001', { categorie: '47', gemeente: '0321' }), region, EMPTY_STATE, NOW);
    expect(routed).toMatchObject({ action: 'route', addressee: '0321', tags: ['geen-contract'] });
    expect(routed.reasons[0]).toMatchObject({ rule: RULE.GEEN_CONTRACT_ROUTE, severity: 'warning' });
    const refused = decide(mk('ijw', '305', '55550001', { categorie: '47', gemeente: '0331' }), region, EMPTY_STATE, NOW);
    expect(refused).toMatchObject({ action: 'refuse', tags: ['geen-contract'] });
    expect(refused.addressee).toBeUndefined();
    expect(refused.reasons[0]).toMatchObject({ rule: RULE.GEEN_CONTRACT_WEIGEREN, severity: 'error' });
    // A verzoek is delivered anyway so the gemeente can answer 319 reden 3 "Geen contract".
    const vot = decide(mk('ijw', '315', '55550001', { categorie: '47', gemeente: '0331' }), region, EMPTY_STATE, NOW);
    expect(vot).toMatchObject({ action: 'route', addressee: '0331' });
  });

  it('delivers a toewijzing under taakgericht-minimaal only when it answers an open woonplaats-verzoek', () => {
    const state = new MemoryState();
    const vot = mk('ijw', '315', '22220001', { categorie: '54', items: [{ referentieAanbieder: 'R-1' }] });
    state.record(vot, decide(vot, region, state, NOW));
    const answering = decide(
      mk('ijw', '301', '22220001', { categorie: '54', items: [{ referentieAanbieder: 'R-1' }] }),
      region,
      state,
      NOW,
    );
    expect(answering).toMatchObject({ action: 'route', addressee: '22220001', tags: ['woonplaatscheck'] });
    expect(reasonRules(answering)).toContain('TM-TOEW-WPB');
    const plain = decide(mk('ijw', '301', '22220001', { categorie: '54' }), region, state, NOW);
    expect(plain.action).toBe('suppress');
    expect(plain.reasons[0]).toMatchObject({ rule: 'TM-TOEW', contractId: 'LEK-JW-INTEGRAAL-TG', variant: 'taakgericht-minimaal' });
    const closed = new MemoryState().putVerzoek(
      { standard: 'ijw', gemeente: GEM, aanbieder: '22220001', referentieAanbieder: 'R-1' },
      { bericht: { summary: vot }, open: false },
    );
    expect(
      decide(mk('ijw', '301', '22220001', { categorie: '54', items: [{ referentieAanbieder: 'R-1' }] }), region, closed, NOW).action,
    ).toBe('suppress');
  });

  it("takes a 319's date from the verzoek it answers", () => {
    const state = new MemoryState();
    const vot = mk('ijw', '315', '44440001', { categorie: '43', datum: '2026-11-01', items: [{ referentieAanbieder: 'V-9' }] });
    state.record(vot);
    const d = decide(
      mk('ijw', '319', '44440001', { antwoord: { referentieAanbieder: 'V-9', verzoekAntwoord: '1', redenAfwijzingVerzoek: '4' } }),
      region,
      state,
      NOW,
    );
    expect(d.contractIds).toEqual(['LEK-JW-VERBLIJF-2026']);
    expect(reasonRules(d)).not.toContain(RULE.DATUM_TERUGVAL);
  });

  it('lets a retour follow its heenbericht', () => {
    const state = new MemoryState();
    const heen = { ...mk('ijw', '301', '22220001', { categorie: '54' }), identificatie: 'HEEN-301' };
    state.record(heen, { action: 'route', addressee: '22220001', reasons: [], tags: [], contractIds: [], items: [] });
    const d = decide(mk('ijw', '302', '22220001', { categorie: '54' }), region, state, NOW);
    expect(d).toMatchObject({ action: 'route', addressee: GEM });
    expect(reasonRules(d)).toContain(RULE.RETOUR_VOLGT_HEEN);
    const state2 = new MemoryState().record(heen, { action: 'suppress', reasons: [], tags: [], contractIds: [], items: [] });
    const d2 = decide(mk('ijw', '302', '11110001', { categorie: '45' }), region, state2, NOW);
    expect(d2.action).toBe('route'); // a different heenbericht (other aanbieder): not the stored one
    const d3 = decide(mk('ijw', '302', '22220001', { categorie: '45' }), region, state2, NOW);
    expect(d3.action).toBe('suppress');
    expect(reasonRules(d3)).toContain(RULE.RETOUR_HEEN_NIET_BEZORGD);
  });

  it("fills a prestatie's product and date from the stored toewijzing when the item has only a number", () => {
    const state = new MemoryState().putToewijzing(
      { standard: 'ijw', gemeente: GEM, aanbieder: '44440001', toewijzingNummer: '777' },
      { ingangsdatum: '2027-01-05', categorie: '44' },
    );
    const s = mk('ijw', '317', '44440001', { items: [{ kind: 'OngewijzigdProduct', toewijzingNummer: '777', datum: undefined }] });
    const d = decide({ ...s, items: s.items.map(({ datum: _d, ...rest }) => rest) }, region, state, NOW);
    expect(d.contractIds).toEqual(['LEK-JW-VERBLIJF-2027']);
  });
});

describe('woonplaatsbeginsel', () => {
  const tight = registryOf(
    [{ ...contractFor('outputgericht', 'Jeugdwet'), aanscherping: { onderdrukken: ['305', '315', '316', '319', '320'] } }],
    {},
    checker,
  );

  it('never suppresses woonplaats traffic, even when a contract tightens', () => {
    const vot = decide(mk('ijw', '315', H, { categorie: '45' }), tight, EMPTY_STATE, NOW);
    expect(vot).toMatchObject({ action: 'route', addressee: GEM, tags: ['woonplaatscheck'] });
    expect(reasonRules(vot)).toEqual(expect.arrayContaining([RULE.AANSCHERPING, RULE.WOONPLAATS_NOOIT_ONDERDRUKT]));
    const three = decide(mk('ijw', '315', H, { categorie: '45', items: [{}, {}, {}] }), tight, EMPTY_STATE, NOW);
    expect(reasonRules(three).filter((r) => r === RULE.AANSCHERPING)).toHaveLength(1);
    expect(three.reasons.find((r) => r.rule === RULE.WOONPLAATS_NOOIT_ONDERDRUKT)?.items).toHaveLength(3);
    const reden8 = decide(
      mk('ijw', '319', H, {
        antwoord: { referentieAanbieder: 'X', verzoekAntwoord: '1', redenAfwijzingVerzoek: '8', woonplaatsGemeente: '0344' },
      }),
      tight,
      EMPTY_STATE,
      NOW,
    );
    expect(reden8).toMatchObject({ action: 'route', addressee: H, tags: ['woonplaatscheck'] });
    // An unrelated 319 does follow the tightening.
    const other = decide(
      mk('ijw', '319', H, { antwoord: { referentieAanbieder: 'X', verzoekAntwoord: '1', redenAfwijzingVerzoek: '7' } }),
      tight,
      EMPTY_STATE,
      NOW,
    );
    expect(other.action).toBe('suppress');
    // …unless it answers a woonplaats-verzoek known to the state.
    const state = new MemoryState().record(mk('ijw', '315', H, { categorie: '45', items: [{ referentieAanbieder: 'X' }] }));
    expect(decide(mk('ijw', '319', H, { antwoord: { referentieAanbieder: 'X', verzoekAntwoord: '2' } }), tight, state, NOW).action).toBe(
      'route',
    );
    expect(decide(mk('ijw', '305', H, { categorie: '45' }), tight, EMPTY_STATE, NOW).action).toBe('suppress');
  });

  it('refuses an iJw 319 reden 8 without Woonplaatsbeginsel/Gemeente; warns on iWmo reden 8', () => {
    const reg = registryOf(
      [contractFor('outputgericht', 'Jeugdwet'), contractFor('outputgericht', 'Wmo')].map((c, i) => ({ ...c, id: `C${i}` })),
      {},
      checker,
    );
    const d = decide(
      mk('ijw', '319', H, { antwoord: { referentieAanbieder: 'X', verzoekAntwoord: '1', redenAfwijzingVerzoek: '8' } }),
      reg,
      EMPTY_STATE,
      NOW,
    );
    expect(d).toMatchObject({ action: 'refuse', tags: ['woonplaatscheck'] });
    expect(d.reasons[0]).toMatchObject({ rule: RULE.WOONPLAATS_319_GEMEENTE, severity: 'error' });
    const w = decide(
      mk('iwmo', '319', H, { antwoord: { referentieAanbieder: 'X', verzoekAntwoord: '1', redenAfwijzingVerzoek: '8' } }),
      reg,
      EMPTY_STATE,
      NOW,
    );
    expect(w.action).toBe('route');
    expect(w.reasons[0]).toMatchObject({ rule: RULE.WOONPLAATS_319_WMO, severity: 'warning' });
  });

  it('attaches the result and surfaces a mismatch as a reason and a tag', () => {
    const reg = registryOf([contractFor('taakgericht-minimaal', 'Jeugdwet')], {}, checker);
    const w = {
      verwachteGemeente: '0344',
      headerGemeente: GEM,
      bron: 'brp-lookup',
      zekerheid: 'hoog' as const,
      afwijking: true,
      toelichting: [],
    };
    const d = decide(mk('ijw', '315', H, { categorie: '45', woonplaats: w }), reg, EMPTY_STATE, NOW);
    expect(d).toMatchObject({ action: 'route', tags: ['woonplaats-afwijking', 'woonplaatscheck'], woonplaats: w });
    expect(d.reasons.find((r) => r.rule === RULE.WOONPLAATS_AFWIJKING)?.text).toContain('0344');
    const same = decide(
      mk('ijw', '315', H, { categorie: '45', woonplaats: { ...w, verwachteGemeente: GEM, afwijking: false } }),
      reg,
      EMPTY_STATE,
      NOW,
    );
    expect(same.tags).toEqual(['woonplaatscheck']);
    expect(reasonRules(same)).toContain(RULE.WOONPLAATS_RESULTAAT);
  });
});

describe('other rules', () => {
  it('keeps regieberichten under taakgericht-minimaal when the contract says so, and warns about a ToewijzingNummer', () => {
    const reg = registryOf([{ ...contractFor('taakgericht-minimaal', 'Jeugdwet'), regieberichten: true }], {}, checker);
    const d = decide(mk('ijw', '305', L, { categorie: '45', items: [{}, { toewijzingNummer: '12' }] }), reg, EMPTY_STATE, NOW);
    expect(d).toMatchObject({ action: 'route', addressee: GEM, tags: ['zonder-toewijzing'] });
    expect(reasonRules(d)).toEqual(['TM-REGIE-KEEP', RULE.TAAKGERICHT_TOEWIJZINGNUMMER]);
    expect(d.reasons[1]!.items).toEqual(['/Bericht/Client/X/StartProduct[2]']);
  });

  it('warns on a Wmo toewijzing of HH/begeleiding under outputgericht without Omvang in time units; blocks when configured', () => {
    const wmo = (profiel: Profiel): Contract => ({
      ...contractFor(profiel, 'Wmo'),
      producten: [{ categorie: '01' }, { categorie: '02' }, { categorie: '07' }],
    });
    const reg = registryOf([wmo('outputgericht')], { gemeenten: { '0331': { rechtszekerheidBlokkerend: true } } }, checker);
    const noOmvang = decide(mk('iwmo', '301', H, { categorie: '02' }), reg, EMPTY_STATE, NOW);
    expect(noOmvang).toMatchObject({ action: 'route', tags: ['rechtszekerheid'] });
    expect(noOmvang.reasons.find((r) => r.rule === RULE.RECHTSZEKERHEID)).toMatchObject({
      severity: 'warning',
      contractId: 'C-outputgericht',
    });
    const stuks = decide(
      mk('iwmo', '301', H, { categorie: '01', items: [{ omvang: { volume: '1', eenheid: '82', frequentie: '4' } }] }),
      reg,
      EMPTY_STATE,
      NOW,
    );
    expect(stuks.tags).toContain('rechtszekerheid');
    const uren = decide(
      mk('iwmo', '301', H, { categorie: '01', items: [{ omvang: { volume: '3', eenheid: '04', frequentie: '2' } }] }),
      reg,
      EMPTY_STATE,
      NOW,
    );
    expect(uren.tags).not.toContain('rechtszekerheid');
    expect(decide(mk('iwmo', '301', H, { categorie: '07' }), reg, EMPTY_STATE, NOW).tags).not.toContain('rechtszekerheid');
    expect(decide(mk('iwmo', '302', H, { categorie: '02' }), reg, EMPTY_STATE, NOW).tags).not.toContain('rechtszekerheid');
    const blocked = decide(
      mk('iwmo', '301', H, { categorie: '02', gemeente: '0331' }),
      registryOf(
        [{ ...wmo('outputgericht'), gemeenten: ['0331'] }],
        { gemeenten: { '0331': { rechtszekerheidBlokkerend: true } } },
        checker,
      ),
      EMPTY_STATE,
      NOW,
    );
    expect(blocked.action).toBe('refuse');
    expect(reasonRules(blocked)).toContain(RULE.RECHTSZEKERHEID_BLOKKEREND);
    for (const p of ['inspanningsgericht', 'taakgericht-stelselindicatoren'] as const) {
      expect(decide(mk('iwmo', '301', H, { categorie: '02' }), registryOf([wmo(p)], {}, checker), EMPTY_STATE, NOW).tags).not.toContain(
        'rechtszekerheid',
      );
    }
  });

  it('treats disagreeing contracts for an unknown product as no contract; agreeing ones are fine', () => {
    const a: Contract = { ...contractFor('outputgericht', 'Jeugdwet'), id: 'A', producten: [{ categorie: '45' }] };
    const b: Contract = { ...contractFor('taakgericht-minimaal', 'Jeugdwet'), id: 'B', producten: [{ categorie: '54' }] };
    const reg = registryOf([a, b], { gemeenten: { '0331': { geenContract: 'refuse' } } }, checker);
    const vow = decide(mk('ijw', '317', H, { items: [{}] }), reg, EMPTY_STATE, NOW);
    expect(vow.action).toBe('route');
    expect(vow.reasons[0]).toMatchObject({ rule: RULE.CONTRACT_AMBIGU, severity: 'warning' });
    expect(
      decide(
        mk('ijw', '317', H, { items: [{}], gemeente: '0331' }),
        registryOf(
          [a, b].map((c) => ({ ...c, gemeenten: ['0331'] })),
          { gemeenten: { '0331': { geenContract: 'refuse' } } },
          checker,
        ),
        EMPTY_STATE,
        NOW,
      ),
    ).toMatchObject({ action: 'refuse' });
    const antw = decide(mk('ijw', '319', H), reg, EMPTY_STATE, NOW);
    expect(antw).toMatchObject({ action: 'route', contractIds: ['A', 'B'] });
    expect(reasonRules(antw)).toContain(RULE.CONTRACT_MEERDERE);
    expect(reasonRules(antw)).toContain(RULE.DATUM_TERUGVAL);
  });

  it('delivers a bericht whose product lines fall under different outcomes, with a warning; refuses split addressees', () => {
    const a: Contract = { ...contractFor('outputgericht', 'Jeugdwet'), id: 'A', producten: [{ categorie: '45' }] };
    const b: Contract = { ...contractFor('taakgericht-minimaal', 'Jeugdwet'), id: 'B', producten: [{ categorie: '54' }] };
    const reg = registryOf([a, b], {}, checker);
    const d = decide(mk('ijw', '301', H, { items: [{ categorie: '45' }, { categorie: '54' }] }), reg, EMPTY_STATE, NOW);
    expect(d).toMatchObject({ action: 'route', addressee: H, contractIds: ['A', 'B'] });
    expect(d.reasons.find((r) => r.rule === RULE.GEMENGD_BERICHT)?.items).toEqual(['/Bericht/Client/X/ToegewezenProduct[2]']);
    // P_HFD is a PxQ onderaannemer (→ hoofdaannemer) in B and, say, the opdrachtnemer of C.
    const c: Contract = { ...a, id: 'C', opdrachtnemer: { agb: P_HFD }, onderaannemers: [] };
    const reg2 = registryOf(
      [{ ...b, onderaannemers: [{ agb: P_HFD, bekostiging: 'PxQ', berichtenNaar: 'hoofdaannemer' }] }, c],
      {},
      checker,
    );
    const split = decide(mk('ijw', '323', P_HFD, { items: [{ categorie: '45' }, { categorie: '54' }] }), reg2, EMPTY_STATE, NOW);
    expect(split.action).toBe('refuse');
    expect(reasonRules(split)).toContain(RULE.GEMENGD_ADRES);
  });

  it('rejects a clock that is not a date', () => {
    const reg = registryOf([contractFor('outputgericht', 'Jeugdwet')], {}, checker);
    expect(() => decide(mk('ijw', '301', H), reg, EMPTY_STATE, 'yesterday')).toThrow(RangeError);
  });
});
