/**
 * The rules that read an external source, through the running gateway on PGlite and PostgreSQL:
 * TR378 (the CBS list), TR381 (the contract's productcodelijst), TR418 (the contract tarief) and TR346
 * (IngediendBedrag = GeleverdVolume × ProductTarief). A registry written here agrees, for aanbieder
 * 42420001, exactly the sample 323's codes and tarieven and, for aanbieder 65656055, other ones.
 * Without a registry the contract rules are reported as not assessed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Standard } from '../../src/standard/model.js';
import { bericht, testBsn } from '../kafka/fixtures.js';
import { KEYS, STORES, post, startGateway, type Gateway, type Json } from '../gateway/harness.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const P = (s: Standard): string => (s === 'ijw' ? 'JW' : 'WMO');

interface SamplePrestatie {
  readonly categorie: string;
  readonly code: string;
  readonly eenheid: string;
  readonly tarief?: number;
}
/** The sample 323's prestaties (categorie, code, eenheid, tarief). */
function prestaties(standard: Standard): SamplePrestatie[] {
  const xml = bericht({ id: `${P(standard)}323`, identificatie: 'x' });
  return xml
    .split(/<[\w]+:Prestatie>/)
    .slice(1)
    .map((p) => {
      const v = (el: string): string | undefined => new RegExp(`<[\\w]+:${el}>([^<]*)<`).exec(p)?.[1];
      const tarief = v('ProductTarief');
      return {
        categorie: v('ProductCategorie')!,
        code: v('ProductCode')!,
        eenheid: v('Eenheid')!,
        ...(tarief ? { tarief: Number(tarief) } : {}),
      };
    });
}

/** A contract per wet for gemeente 0384 and `agb`, with the sample's products, codes mapped and tarieven shifted. */
function contract(standard: Standard, agb: string, code: (c: string) => string, extra: number): object {
  const byCat = new Map<string, { codes: Set<string>; tarieven: Map<string, object> }>();
  for (const p of prestaties(standard)) {
    const e = byCat.get(p.categorie) ?? { codes: new Set(), tarieven: new Map() };
    e.codes.add(code(p.code));
    if (p.tarief !== undefined && p.eenheid !== '83')
      e.tarieven.set(`${p.code}|${p.eenheid}`, { code: code(p.code), eenheid: p.eenheid, tarief: p.tarief + extra });
    byCat.set(p.categorie, e);
  }
  return {
    id: `T-${standard}-${agb}`,
    wet: standard === 'ijw' ? 'Jeugdwet' : 'Wmo',
    gemeenten: ['0384'],
    opdrachtnemer: { agb },
    producten: [...byCat].map(([categorie, e]) => ({
      categorie,
      codes: [...e.codes],
      ...(e.tarieven.size > 0 ? { tarieven: [...e.tarieven.values()] } : {}),
    })),
    periode: { van: '2026-01-01' },
    uitvoeringsvariant: 'inspanningsgericht',
    bekostiging: 'PxQ',
  };
}

/** Add 1 eurocent to the first prestatie's Bedrag and to the total, so only TR346 can object. */
function bedragPlusEen(xml: string): string {
  const bump = (el: string, s: string): string =>
    s.replace(new RegExp(`(<[\\w]+:${el}>)(\\d+)(<)`), (_m, a: string, n: string, c: string) => `${a}${Number(n) + 1}${c}`);
  const at = xml.search(/<[\w]+:Prestatie>/);
  return bump('TotaalBedrag', xml.slice(0, at)) + bump('Bedrag', xml.slice(at));
}

const rules = (d: Json): string[] => (d.conversatie?.findings ?? []).map((f: { rule: string }) => f.rule);
let seq = 0;
const id = (): string => `EB${(seq++).toString(36)}${process.pid.toString(36)}`.slice(0, 12);

describe.each(STORES)('rules with an external source through the gateway on %s', (store) => {
  let gw: Gateway;
  let bare: Gateway;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sluis-eb-'));
    const file = join(dir, 'registry.json');
    writeFileSync(
      file,
      JSON.stringify({
        versie: 1,
        contracten: (['ijw', 'iwmo'] as const).flatMap((s) => [
          contract(s, '42420001', (c) => c, 0),
          contract(s, '65656055', (c) => (c === prestaties(s)[0]!.code ? 'ZZ999' : c), 50),
        ]),
      }),
    );
    gw = await startGateway(store, { clock: () => NOW, env: { SLUIS_REGISTRY: file } });
    bare = await startGateway(store, { clock: () => NOW });
  });
  afterAll(async () => {
    await gw?.close();
    await bare?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const standard of ['ijw', 'iwmo'] as const) {
    const decl = (aanbieder = '42420001'): string =>
      bericht({ id: `${P(standard)}323`, identificatie: id(), bsn: testBsn(8100), aanbieder });

    it(`${standard}: the sample 323 with the agreed codes and tarieven has no finding of TR346, TR381 or TR418`, async () => {
      const r = await post(gw, decl(), KEYS.aanbieder42420001);
      expect(r.status, r.text).toBe(202);
      const d = r.json().decision;
      expect(rules(d).filter((x) => ['TR346', 'TR381', 'TR418'].includes(x))).toEqual([]);
      expect(d.conversatie?.nietBeoordeeld ?? []).toEqual([]);
    });

    it(`${standard}: an IngediendBedrag one cent off → TR346 (9346) on its Bedrag`, async () => {
      const r = await post(gw, bedragPlusEen(decl()), KEYS.aanbieder42420001);
      expect(r.status, r.text).toBe(202);
      const d = r.json().decision;
      expect(d.action).toBe('route');
      const f = d.conversatie.findings.filter((x: { rule: string }) => x.rule === 'TR346');
      expect(f).toEqual([
        expect.objectContaining({ retourCode: '9346', path: expect.stringMatching(/Prestatie\[1\]\/IngediendBedrag\/Bedrag$/) }),
      ]);
    });

    it(`${standard}: a code outside the contract's list → TR381 (S329); another tarief → TR418 (0611)`, async () => {
      const r = await post(gw, decl('65656055'), KEYS.aanbieder65656055);
      expect(r.status, r.text).toBe(202);
      const d = r.json().decision;
      const first = prestaties(standard)[0]!;
      const found = d.conversatie.findings as { rule: string; retourCode: string; text: string }[];
      expect(found.filter((f) => f.rule === 'TR381').length).toBeGreaterThan(0);
      for (const f of found.filter((x) => x.rule === 'TR381'))
        expect(f).toMatchObject({ retourCode: 'S329', text: expect.stringContaining(first.code) });
      const priced = prestaties(standard).filter((p) => p.code !== first.code && p.tarief !== undefined && p.eenheid !== '83');
      expect(found.filter((f) => f.rule === 'TR418').length).toBe(priced.length);
      for (const f of found.filter((x) => x.rule === 'TR418')) expect(f.retourCode).toBe('0611');
    });

    it(`${standard}: without a registry, TR381 and TR418 are reported as not assessed`, async () => {
      const r = await post(bare, decl(), KEYS.aanbieder42420001);
      expect(r.status, r.text).toBe(202);
      const open = r.json().decision.conversatie.nietBeoordeeld.map((n: { rule: string }) => n.rule);
      expect(open.sort()).toEqual(['TR381', 'TR418']);
    });
  }

  it('ijw: a 319 naming a gemeente that is not in the CBS list → TR378 (S300) on Woonplaatsbeginsel/Gemeente', async () => {
    const xml = bericht({ id: 'JW319', identificatie: id(), bsn: testBsn(8101) });
    const ok = (await post(bare, xml, KEYS.gemeente0384)).json().decision;
    expect(rules(ok)).not.toContain('TR378');
    const bad = xml.replace(/(<[\w]+:Gemeente>)0344(<)/, '$11234$2').replace(/(<[\w]+:Identificatie>)[^<]*(<)/, `$1${id()}$2`);
    const d = (await post(bare, bad, KEYS.gemeente0384)).json().decision;
    expect(d.conversatie.findings).toContainEqual(
      expect.objectContaining({ rule: 'TR378', retourCode: 'S300', path: '/Bericht/Antwoord/Woonplaatsbeginsel/Gemeente' }),
    );
  });
});
