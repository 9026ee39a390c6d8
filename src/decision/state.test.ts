import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BERICHT_NUMMERS } from '../standard/model.js';
import { createRegistryChecker } from '../contracts/registry.js';
import type { Contract } from '../contracts/types.js';
import { decide } from './decide.js';
import { EMPTY_STATE, MemoryState, needsState, prefetchState, type AsyncDecisionState, type DecisionState } from './state.js';
import { mk, registryOf } from '../../test/support/decision-testkit.js';

/** The store's async interface, over a MemoryState, counting the questions asked. */
function asyncOver(m: DecisionState): AsyncDecisionState & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    heenbericht: async (k) => {
      asked.push(`heen ${k.ref.nummer} ${k.ref.identificatie}`);
      return m.heenbericht(k);
    },
    verzoek: async (k) => {
      asked.push(`verzoek ${k.referentieAanbieder}`);
      return m.verzoek(k);
    },
    toewijzing: async (k) => {
      asked.push(`toewijzing ${k.toewijzingNummer}`);
      return m.toewijzing(k);
    },
  };
}

const base: Contract = {
  id: 'TG',
  wet: 'Jeugdwet',
  gemeenten: ['0321'],
  opdrachtnemer: { agb: '10000001' },
  periode: { van: '2027-01-01' },
  uitvoeringsvariant: 'taakgericht',
  profiel: 'taakgericht-minimaal',
  bekostiging: 'populatie',
};
const reg = registryOf(
  [
    base,
    {
      ...base,
      id: 'OG',
      periode: { van: '2026-01-01', totEnMet: '2026-12-31' },
      uitvoeringsvariant: 'outputgericht',
      profiel: undefined,
    } as Contract,
  ].map((c) => JSON.parse(JSON.stringify(c)) as Contract),
  {},
  createRegistryChecker(),
);

describe('prefetchState', () => {
  it("fetches a 320's heenbericht (319) and the verzoek that 319 answers, and decides as with the full state", async () => {
    const full = new MemoryState();
    const vot = mk('ijw', '315', '10000001', { datum: '2026-10-01', items: [{ referentieAanbieder: 'R7' }] });
    full.record(vot);
    const antw = mk('ijw', '319', '10000001', {
      identificatie: 'HEEN-319',
      antwoord: { referentieAanbieder: 'R7', verzoekAntwoord: '1', redenAfwijzingVerzoek: '4' },
    });
    full.record(antw, decide(antw, reg, full, '2027-02-01'));
    const retour = mk('ijw', '320', '10000001');
    const { antwoord: _a, ...withoutAntwoord } = retour; // a fully approved 320 has no Antwoord copy
    const store = asyncOver(full);
    const snap = await prefetchState(withoutAntwoord, store);
    expect(store.asked).toEqual(['heen 319 HEEN-319', 'verzoek R7']);
    const d = decide(withoutAntwoord, reg, snap, '2027-02-01');
    expect(d).toEqual(decide(withoutAntwoord, reg, full, '2027-02-01'));
    // The verzoek's date (2026) selects the outputgericht contract, not the taakgericht one of 2027.
    expect(d.contractIds).toEqual(['OG']);
  });

  it('fetches toewijzingen only for items that lack a date or a product', async () => {
    const full = new MemoryState().putToewijzing(
      { standard: 'ijw', gemeente: '0321', aanbieder: '10000001', toewijzingNummer: '5' },
      { ingangsdatum: '2027-03-01', categorie: '45' },
    );
    const store = asyncOver(full);
    const s = mk('ijw', '317', '10000001', {
      items: [
        { kind: 'OngewijzigdProduct', toewijzingNummer: '5', datum: undefined },
        { toewijzingNummer: '6', categorie: '45' },
      ],
    });
    const snap = await prefetchState(s, store);
    expect(store.asked).toEqual(['verzoek VOW-1', 'toewijzing 5']);
    expect(snap.toewijzing({ standard: 'ijw', gemeente: '0321', aanbieder: '10000001', toewijzingNummer: '5' })?.ingangsdatum).toBe(
      '2027-03-01',
    );
  });

  it('asks nothing, and answers EMPTY_STATE, exactly when needsState says the summary needs nothing', async () => {
    const item = fc.record(
      {
        toewijzingNummer: fc.option(fc.constant('5'), { nil: undefined }),
        referentieAanbieder: fc.option(fc.constant('R1'), { nil: undefined }),
        datum: fc.option(fc.constant('2026-03-01'), { nil: undefined }),
        categorie: fc.option(fc.constant('45'), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BERICHT_NUMMERS), fc.array(item, { maxLength: 3 }), async (nummer, items) => {
        const s = mk('ijw', nummer, '10000001', { items: items.map((it) => ({ ...it })) });
        const store = asyncOver(new MemoryState());
        const snap = await prefetchState(s, store);
        expect(store.asked.length > 0).toBe(needsState(s));
        if (!needsState(s)) expect(snap).toBe(EMPTY_STATE);
      }),
      { numRuns: 500 },
    );
    expect(needsState(mk('ijw', '301', '10000001'))).toBe(false);
    expect(needsState(mk('ijw', '302', '10000001'))).toBe(true);
    expect(needsState(mk('ijw', '305', '10000001', { items: [{ toewijzingNummer: '5', datum: undefined }] }))).toBe(true);
  });
});
