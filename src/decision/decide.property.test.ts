import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractsCovering, contractsFor, createRegistryChecker } from '../contracts/registry.js';
import type { Contract, GemeenteInstellingen, Registry } from '../contracts/types.js';
import { BERICHT_NUMMERS, type BerichtNummer } from '../standard/model.js';
import { decide } from './decide.js';
import { MemoryState } from './state.js';
import type { SummaryItem } from './summary.js';
import { mk } from '../../test/support/decision-testkit.js';

const checker = createRegistryChecker();
const AGBS = ['20000001', '20000002', '20000003', '20000004', '20000005', '20000006'] as const;
const GEMEENTEN = ['0321', '0331'] as const;
const CATEGORIEEN = ['43', '45', '54'] as const;
const DATES = ['2026-06-01', '2026-12-01', '2027-01-01', '2027-06-01'] as const;
const NOW = '2027-08-01';

const periode = fc.constantFrom(
  { van: '2026-01-01' },
  { van: '2026-01-01', totEnMet: '2026-12-31' },
  { van: '2027-01-01' },
  { van: '2026-07-01', totEnMet: '2027-03-31' },
);
const variant = fc.constantFrom(
  { uitvoeringsvariant: 'inspanningsgericht' as const },
  { uitvoeringsvariant: 'outputgericht' as const },
  { uitvoeringsvariant: 'taakgericht' as const, profiel: 'taakgericht-minimaal' as const },
  { uitvoeringsvariant: 'taakgericht' as const, profiel: 'taakgericht-minimaal' as const, regieberichten: true },
  { uitvoeringsvariant: 'taakgericht' as const, profiel: 'taakgericht-stelselindicatoren' as const },
);
const contract = fc.record({
  gemeenten: fc.subarray([...GEMEENTEN], { minLength: 1 }),
  opdracht: fc.shuffledSubarray([...AGBS], { minLength: 1, maxLength: 3 }),
  onder: fc.array(
    fc.record({
      agb: fc.constantFrom(...AGBS),
      bekostiging: fc.constantFrom('PxQ' as const, 'lumpsum' as const),
      berichtenNaar: fc.constantFrom('gemeente' as const, 'hoofdaannemer' as const),
    }),
    { maxLength: 3 },
  ),
  producten: fc.option(fc.subarray([...CATEGORIEEN], { minLength: 1 }), { nil: undefined }),
  periode,
  variant,
  onderdrukken: fc.option(fc.subarray([...BERICHT_NUMMERS], { maxLength: 4 }), { nil: undefined }),
});
const settings = fc.record({
  geenContract: fc.constantFrom('route-with-warning' as const, 'refuse' as const),
  rechtszekerheidBlokkerend: fc.boolean(),
}) satisfies fc.Arbitrary<Partial<GemeenteInstellingen>>;

/** Random contracts, added one by one while the registry stays valid (overlaps are load errors). */
const registry: fc.Arbitrary<Registry> = fc.tuple(fc.array(contract, { maxLength: 5 }), settings, settings).map(([raw, s1, s2]) => {
  const accepted: Contract[] = [];
  raw.forEach((r, i) => {
    const [first, ...rest] = r.opdracht;
    const leden = r.opdracht;
    const taken = new Set(leden);
    const onder = r.onder
      .filter((o) => !taken.has(o.agb) && (taken.add(o.agb), true))
      .map((o) => (o.bekostiging === 'PxQ' ? o : { agb: o.agb, bekostiging: o.bekostiging }));
    const c: Contract = {
      id: `K${i}`,
      wet: 'Jeugdwet',
      gemeenten: r.gemeenten,
      opdrachtnemer: rest.length === 0 ? { agb: first! } : { consortium: { naam: 'c', penvoerder: first!, leden } },
      ...(r.producten ? { producten: r.producten.map((categorie) => ({ categorie })) } : {}),
      periode: r.periode,
      ...r.variant,
      ...(r.onderdrukken && r.onderdrukken.length ? { aanscherping: { onderdrukken: r.onderdrukken } } : {}),
      bekostiging: r.variant.uitvoeringsvariant === 'taakgericht' ? 'populatie' : 'PxQ',
      ...(onder.length ? { onderaannemers: onder } : {}),
    };
    if (checker.check({ versie: 1, contracten: [...accepted, c] }, 'p').ok) accepted.push(c);
  });
  const r = checker.check({ versie: 1, gemeenten: { '0321': s1, '0331': s2 }, contracten: accepted }, 'p');
  if (!r.ok) throw new Error('generator produced an invalid registry');
  return r.registry;
});

const item = fc.record({ categorie: fc.constantFrom(...CATEGORIEEN), datum: fc.constantFrom(...DATES) }) satisfies fc.Arbitrary<
  Partial<SummaryItem>
>;

describe('decision core properties', () => {
  it('a 323 under a taakgericht contract reaches the gemeente only from a PxQ onderaannemer whose contract names the gemeente', () => {
    fc.assert(
      fc.property(
        registry,
        fc.constantFrom(...AGBS, '20000099'),
        fc.constantFrom(...GEMEENTEN),
        fc.array(item, { minLength: 1, maxLength: 4 }),
        (reg, agb, gemeente, items) => {
          const s = mk('ijw', '323', agb, { gemeente, items });
          const d = decide(s, reg, new MemoryState(), NOW);
          if (!(d.action === 'route' && d.addressee === gemeente)) return;
          for (const it of s.items) {
            const q = { wet: 'Jeugdwet' as const, gemeente, datum: it.datum!, categorie: it.categorie! };
            const mine = contractsFor(reg, { ...q, agb });
            if (mine.length === 0) {
              expect(contractsCovering(reg, q).some((c) => c.uitvoeringsvariant === 'taakgericht')).toBe(false);
            }
            for (const c of mine.filter((k) => k.uitvoeringsvariant === 'taakgericht')) {
              const o = c.onderaannemers?.find((x) => x.agb === agb);
              expect(o?.bekostiging).toBe('PxQ');
              expect(o?.berichtenNaar).toBe('gemeente');
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('woonplaats-tagged 315/316/319/320 traffic is never suppressed; an iJw 315 is always tagged', () => {
    const antwoord = fc.record({
      referentieAanbieder: fc.constantFrom('R1', 'R2'),
      verzoekAntwoord: fc.constantFrom('1', '2'),
      redenAfwijzingVerzoek: fc.constantFrom('4', '7', '8'),
      woonplaatsGemeente: fc.constantFrom('0344', '0321'),
    });
    fc.assert(
      fc.property(
        registry,
        fc.constantFrom<BerichtNummer>('315', '316', '319', '320'),
        fc.constantFrom(...AGBS),
        fc.constantFrom(...GEMEENTEN),
        fc.array(item, { minLength: 1, maxLength: 3 }),
        antwoord,
        fc.boolean(),
        fc.boolean(),
        (reg, nummer, agb, gemeente, items, a, knownVerzoek, open) => {
          const state = new MemoryState();
          if (knownVerzoek) {
            const v = mk('ijw', '315', agb, { gemeente, items: [{ ...items[0], referentieAanbieder: a.referentieAanbieder }] });
            state.putVerzoek(
              { standard: 'ijw', gemeente, aanbieder: agb, referentieAanbieder: a.referentieAanbieder },
              { bericht: { summary: v }, open },
            );
          }
          const d = decide(mk('ijw', nummer, agb, { gemeente, items, antwoord: a }), reg, state, NOW);
          if (nummer === '315') expect(d.tags).toContain('woonplaatscheck');
          if (d.tags.includes('woonplaatscheck')) expect(d.action).not.toBe('suppress');
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('is deterministic and does not mutate its input', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object') {
        Object.freeze(o);
        for (const v of Object.values(o)) deepFreeze(v);
      }
      return o;
    };
    fc.assert(
      fc.property(
        registry,
        fc.constantFrom(...BERICHT_NUMMERS),
        fc.constantFrom('ijw' as const, 'iwmo' as const),
        fc.constantFrom(...AGBS),
        fc.constantFrom(...GEMEENTEN),
        fc.array(item, { maxLength: 3 }),
        fc.constantFrom(...DATES),
        (reg, nummer, std, agb, gemeente, items, now) => {
          const wmoItems = std === 'iwmo' ? items.map((i) => ({ ...i, categorie: '02' })) : items;
          const s = deepFreeze(mk(std, nummer, agb, { gemeente, items: wmoItems }));
          const a = decide(s, reg, new MemoryState(), now);
          const b = decide(structuredClone(s), reg, new MemoryState(), now);
          expect(b).toEqual(a);
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
