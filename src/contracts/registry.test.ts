import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRegistryErrors, loadRegistryFile, parseRegistryText } from './load.js';
import {
  contractsCovering,
  contractsFor,
  createRegistryChecker,
  gemeenteInstellingen,
  jsonPath,
  partijen,
  toegestaneVerzenders,
} from './registry.js';
import { DEFAULT_GEMEENTE_INSTELLINGEN, type RegistryDocument } from './types.js';

const checker = createRegistryChecker();
const FIXTURE = join(import.meta.dirname, '../../test/fixtures/region.registry.json');
const fixture = (): RegistryDocument => JSON.parse(readFileSync(FIXTURE, 'utf8')) as RegistryDocument;

function errorsOf(doc: unknown): { path: string; reason: string }[] {
  const r = checker.check(doc, 'x.json');
  if (r.ok) throw new Error('expected errors');
  for (const e of r.errors) expect(e.source).toBe('x.json');
  return r.errors.map(({ path, reason }) => ({ path, reason }));
}

type Doc = Record<string, unknown> & { contracten: Record<string, unknown>[] };
function mutate(f: (d: Doc) => void): unknown {
  const d = structuredClone(fixture()) as unknown as Doc;
  f(d);
  return d;
}

describe('registry checker', () => {
  it('accepts the region fixture and the demo registry', async () => {
    for (const f of [FIXTURE, join(import.meta.dirname, '../../config/demo.registry.json')]) {
      const r = await loadRegistryFile(f, checker);
      expect(formatRegistryErrors(r)).toBe('');
      expect(r.ok).toBe(true);
    }
  });

  it('reports file, JSON path and reason for schema errors', () => {
    const errs = errorsOf(
      mutate((d) => {
        d.contracten[1]!.periode = { van: '2026-13-01' };
        d.contracten[0]!.kleur = 'rood';
      }),
    );
    expect(errs).toContainEqual({ path: '$.contracten[1].periode.van', reason: expect.stringContaining('must match pattern') as string });
    expect(errs).toContainEqual({ path: '$.contracten[0].kleur', reason: 'unknown property' });
  });

  it('reports a missing property at its own path', () => {
    expect(
      errorsOf(
        mutate((d) => {
          delete d.contracten[0]!.wet;
        }),
      ),
    ).toContainEqual({ path: '$.contracten[0].wet', reason: 'missing required property' });
  });

  it('requires a profiel for taakgericht and forbids it otherwise', () => {
    expect(
      errorsOf(
        mutate((d) => {
          delete d.contracten[1]!.profiel;
        }),
      ),
    ).toContainEqual({ path: '$.contracten[1].profiel', reason: 'missing required property' });
    expect(
      errorsOf(
        mutate((d) => {
          d.contracten[0]!.profiel = 'taakgericht-minimaal';
        }),
      ),
    ).toContainEqual({
      path: '$.contracten[0]',
      reason: 'profiel and regieberichten are only allowed when uitvoeringsvariant is taakgericht',
    });
  });

  it('requires berichtenNaar for a PxQ onderaannemer only', () => {
    const errs = errorsOf(
      mutate((d) => {
        const o = d.contracten[1]!.onderaannemers as Record<string, unknown>[];
        delete o[0]!.berichtenNaar;
        o[2]!.berichtenNaar = 'gemeente';
      }),
    );
    expect(errs).toContainEqual({ path: '$.contracten[1].onderaannemers[0].berichtenNaar', reason: 'missing required property' });
    expect(errs).toContainEqual({
      path: '$.contracten[1].onderaannemers[2]',
      reason: 'berichtenNaar is only allowed for a PxQ onderaannemer',
    });
  });

  it('names both contracts when two overlap for the same key', () => {
    const errs = errorsOf(
      mutate((d) => {
        (d.contracten[2]!.periode as { totEnMet: string }).totEnMet = '2027-03-31';
      }),
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]!.path).toBe('$.contracten[3]');
    expect(errs[0]!.reason).toContain("'LEK-JW-VERBLIJF-2027'");
    expect(errs[0]!.reason).toContain("'LEK-JW-VERBLIJF-2026'");
    expect(errs[0]!.reason).toContain('AGB 44440001');
  });

  it('does not call disjoint products, gemeenten or parties an overlap', () => {
    expect(
      checker.check(
        mutate((d) => {
          d.contracten.push({ ...d.contracten[0]!, id: 'OTHER-CAT', producten: [{ categorie: '47' }] });
          d.contracten.push({ ...d.contracten[0]!, id: 'OTHER-GEM', gemeenten: ['0344'] });
          d.contracten.push({ ...d.contracten[0]!, id: 'OTHER-AGB', opdrachtnemer: { agb: '99990001' } });
          d.contracten.push({
            ...d.contracten[0]!,
            id: 'OTHER-CODE',
            producten: [{ categorie: '45', codes: ['45A01'] }],
            opdrachtnemer: { agb: '99990002' },
          });
          d.contracten.push({
            ...d.contracten[0]!,
            id: 'OTHER-CODE2',
            producten: [{ categorie: '45', codes: ['45A02'] }],
            opdrachtnemer: { agb: '99990002' },
          });
        }),
        'x',
      ).ok,
    ).toBe(true);
    // …but the same code twice is one.
    expect(
      errorsOf(
        mutate((d) => {
          d.contracten.push({
            ...d.contracten[0]!,
            id: 'A',
            producten: [{ categorie: '45', codes: ['45A01', '45A09'] }],
            opdrachtnemer: { agb: '99990002' },
          });
          d.contracten.push({
            ...d.contracten[0]!,
            id: 'B',
            producten: [{ categorie: '45', codes: ['45A09'] }],
            opdrachtnemer: { agb: '99990002' },
          });
        }),
      )[0]!.reason,
    ).toContain("'B' overlaps contract 'A'");
  });

  it('checks ids, periods, consortium, onderaannemers and categories', () => {
    const errs = errorsOf(
      mutate((d) => {
        d.contracten[3]!.id = 'LEK-JW-AMBULANT-OG';
        d.contracten[2]!.periode = { van: '2026-06-01', totEnMet: '2026-01-01' };
        (d.contracten[1]!.opdrachtnemer as { consortium: { penvoerder: string } }).consortium.penvoerder = '22229999';
        (d.contracten[1]!.onderaannemers as { agb: string }[])[0]!.agb = '22220002';
        d.contracten[0]!.producten = [{ categorie: '02' }];
      }),
    );
    const byPath = Object.fromEntries(errs.map((e) => [e.path, e.reason]));
    expect(byPath['$.contracten[3].id']).toContain('duplicate contract id');
    expect(byPath['$.contracten[2].periode.totEnMet']).toContain('before van');
    expect(byPath['$.contracten[1].opdrachtnemer.consortium.penvoerder']).toContain('must be one of the leden');
    expect(byPath['$.contracten[1].onderaannemers[0].agb']).toContain('already the opdrachtnemer');
    expect(byPath['$.contracten[0].producten[0].categorie']).toContain('does not exist for the Jeugdwet');
  });

  it('turns unreadable files and bad JSON into errors, not exceptions', async () => {
    const r = await loadRegistryFile('/nonexistent/registry.json', checker);
    expect(r.ok).toBe(false);
    expect(formatRegistryErrors(r)).toMatch(/^\/nonexistent\/registry.json: \$: cannot read the file \(ENOENT\)$/);
    const j = parseRegistryText('{"versie": 1,', 'inline.json', checker);
    expect(formatRegistryErrors(j)).toMatch(/^inline.json: \$: not valid JSON/);
    expect(formatRegistryErrors(parseRegistryText('[]', 'a.json', checker))).toBe('a.json: $: must be object');
  });

  it('renders JSON pointers as JSON paths', () => {
    expect(jsonPath('')).toBe('$');
    expect(jsonPath('/contracten/2/periode/van')).toBe('$.contracten[2].periode.van');
    expect(jsonPath('/gemeenten/0331/geenContract')).toBe('$.gemeenten[0331].geenContract');
    expect(jsonPath('/a~1b/c d')).toBe('$["a/b"]["c d"]');
  });
});

describe('registry lookups', () => {
  const r = checker.check(fixture(), 'f');
  if (!r.ok) throw new Error(formatRegistryErrors(r));
  const reg = r.registry;

  it('selects the effective-dated contract by date', () => {
    const q = { wet: 'Jeugdwet' as const, gemeente: '0353', categorie: '43', agb: '44440001' };
    expect(contractsFor(reg, { ...q, datum: '2026-12-31' }).map((c) => c.id)).toEqual(['LEK-JW-VERBLIJF-2026']);
    expect(contractsFor(reg, { ...q, datum: '2027-01-01' }).map((c) => c.id)).toEqual(['LEK-JW-VERBLIJF-2027']);
    expect(contractsFor(reg, { ...q, datum: '2025-12-31' })).toEqual([]);
  });

  it('knows parties and their roles', () => {
    const tg = reg.byId.get('LEK-JW-INTEGRAAL-TG')!;
    expect(Object.fromEntries(partijen(tg))).toEqual({
      22220001: 'hoofdaannemer',
      22220002: 'consortium-lid',
      22220003: 'consortium-lid',
      33330001: 'onderaannemer',
      33330002: 'onderaannemer',
      33330003: 'onderaannemer',
    });
    expect(contractsCovering(reg, { wet: 'Jeugdwet', gemeente: '0321', datum: '2026-05-01', categorie: '54' }).map((c) => c.id)).toEqual([
      'LEK-JW-INTEGRAAL-TG',
    ]);
    expect(contractsCovering(reg, { wet: 'Wmo', gemeente: '0321', datum: '2026-05-01' })).toEqual([]);
  });

  it('lets a hoofdaannemer act for the gemeente towards its PxQ onderaannemer that reports to it, and nobody else', () => {
    const q = { wet: 'Jeugdwet' as const, gemeente: '0321', verzender: 'gemeente' as const };
    expect(toegestaneVerzenders(reg, { ...q, aanbieder: '33330002' })).toEqual(['0321', '22220001']);
    expect(toegestaneVerzenders(reg, { ...q, aanbieder: '33330001' })).toEqual(['0321']);
    expect(toegestaneVerzenders(reg, { ...q, aanbieder: '33330002', verzender: 'aanbieder' })).toEqual(['33330002']);
    expect(toegestaneVerzenders(reg, { ...q, aanbieder: '33330002', gemeente: '0344' })).toEqual(['0344']);
    expect(toegestaneVerzenders(reg, { ...q, aanbieder: '33330002', nummer: '325' })).toEqual(['0321', '22220001']);
    expect(toegestaneVerzenders(reg, { ...q, aanbieder: '33330002', nummer: '319' })).toEqual(['0321']);
  });

  it('lists covering contracts in id order whatever order the document has them in (the decision names the first)', () => {
    const base = {
      wet: 'Jeugdwet',
      gemeenten: ['0321', '0331'],
      periode: { van: '2026-01-01' },
      uitvoeringsvariant: 'inspanningsgericht',
      bekostiging: 'PxQ',
    };
    const doc = {
      versie: 1,
      contracten: [
        { ...base, id: 'b-2', opdrachtnemer: { agb: '20000002' } },
        { ...base, id: 'B-1', opdrachtnemer: { agb: '20000001' }, gemeenten: ['0331'] },
        { ...base, id: 'a-3', opdrachtnemer: { agb: '20000003' }, wet: 'Wmo' },
        { ...base, id: 'a-9', opdrachtnemer: { agb: '20000004' }, periode: { van: '2027-01-01' } },
      ],
    };
    const c = checker.check(doc, 'order');
    if (!c.ok) throw new Error(formatRegistryErrors(c));
    const ids = (gemeente: string, datum: string, wet: 'Jeugdwet' | 'Wmo' = 'Jeugdwet'): string[] =>
      contractsCovering(c.registry, { wet, gemeente, datum }).map((k) => k.id);
    expect(ids('0331', '2027-02-01')).toEqual(['a-9', 'B-1', 'b-2']);
    expect(ids('0321', '2027-02-01')).toEqual(['a-9', 'b-2']);
    expect(ids('0321', '2026-02-01')).toEqual(['b-2']);
    expect(ids('0321', '2026-02-01', 'Wmo')).toEqual(['a-3']);
    expect(ids('0999', '2026-02-01')).toEqual([]);
    expect(contractsFor(c.registry, { wet: 'Jeugdwet', gemeente: '0331', datum: '2027-02-01', agb: '20000001' }).map((k) => k.id)).toEqual([
      'B-1',
    ]);
  });

  it('merges per-gemeente settings over the defaults', () => {
    expect(gemeenteInstellingen(reg, '0331')).toEqual({
      geenContract: 'refuse',
      rechtszekerheidBlokkerend: false,
      gemengdeDeclaratie: 'weigeren',
    });
    expect(gemeenteInstellingen(reg, '0321').geenContract).toBe('route-with-warning');
    expect(gemeenteInstellingen(reg, '9999')).toEqual({ ...DEFAULT_GEMEENTE_INSTELLINGEN, ...reg.document.standaard });
  });
});

describe('product codes and tarieven (TR381, TR418, TR346)', () => {
  const withTarieven = (producten: unknown): unknown =>
    mutate((d) => {
      d.contracten[0]!.producten = producten;
    });
  it('accepts agreed codes with tarieven per eenheid', () => {
    const doc = withTarieven([
      {
        categorie: '45',
        codes: ['45A01', '45A02'],
        tarieven: [
          { code: '45A01', eenheid: '04', tarief: 6000 },
          { code: '45A01', eenheid: '16', tarief: 21000 },
        ],
      },
    ]);
    expect(checker.check(doc, 'x.json').ok).toBe(true);
  });
  it('refuses a tarief for a code not listed, an unknown eenheid, euro’s, a duplicate and a non-integer amount', () => {
    const errs = errorsOf(
      withTarieven([
        {
          categorie: '45',
          codes: ['45A01'],
          tarieven: [
            { code: '45A09', eenheid: '04', tarief: 6000 },
            { code: '45A01', eenheid: '05', tarief: 6000 },
            { code: '45A01', eenheid: '83', tarief: 1 },
            { code: '45A01', eenheid: '04', tarief: 6000 },
            { code: '45A01', eenheid: '04', tarief: 6000 },
          ],
        },
      ]),
    );
    const at = '$.contracten[0].producten[0].tarieven';
    expect(errs).toContainEqual({ path: `${at}[0].code`, reason: expect.stringContaining('not among') as string });
    expect(errs).toContainEqual({ path: `${at}[1].eenheid`, reason: expect.stringContaining('WJ756') as string });
    expect(errs).toContainEqual({ path: `${at}[2].eenheid`, reason: expect.stringContaining("euro's") as string });
    expect(errs).toContainEqual({ path: `${at}[4]`, reason: expect.stringContaining('second tarief') as string });
    const frac = errorsOf(withTarieven([{ categorie: '45', tarieven: [{ code: '45A01', eenheid: '04', tarief: 60.5 }] }]));
    expect(frac.map((e) => e.path)).toContain(`${at}[0].tarief`);
  });
  it('looks up the agreed codes and tarieven of the parties on a date', async () => {
    const { productcodesFor, tarievenFor } = await import('./lookup.js');
    const { parseRegistryText } = await import('./load.js');
    const doc = withTarieven([{ categorie: '45', codes: ['45A01'], tarieven: [{ code: '45A01', eenheid: '04', tarief: 6000 }] }]);
    const r = parseRegistryText(JSON.stringify(doc), 'x.json', checker);
    if (!r.ok) throw new Error(formatRegistryErrors(r));
    const q = { wet: 'Jeugdwet', gemeente: '0321', agb: '11110001', datum: '2026-03-01', categorie: '45' } as const;
    expect(productcodesFor(r.registry, q)).toEqual(['45A01']);
    expect(tarievenFor(r.registry, { ...q, code: '45A01' })).toEqual([{ code: '45A01', eenheid: '04', tarief: 6000 }]);
    // Another aanbieder, another categorie, a date before the contract: nothing agreed.
    expect(productcodesFor(r.registry, { ...q, agb: '99990001' })).toBeUndefined();
    expect(productcodesFor(r.registry, { ...q, categorie: '41' })).toBeUndefined();
    expect(tarievenFor(r.registry, { ...q, datum: '2025-12-31', code: '45A01' })).toEqual([]);
  });
});
