/** TR346, TR378, TR381 and TR418: the rules that read an external source (the CBS list, the contract). */
import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import type { ContractBron, ContractVraag, ExterneBronnen } from '../bronnen.js';
import { nietBeoordeeld } from '../check.js';
import { CONVERSATION_RULES } from '../rules.js';
import { MemoryConversationState } from '../state.js';
import type { PrestatieFeiten } from '../types.js';
import { CLIENT, TODAY, cmk } from '../../../test/support/conversation-testkit.js';
import { TR346 } from './tr346.js';
import { TR378 } from './tr378.js';
import { TR381 } from './tr381.js';
import { TR418 } from './tr418.js';
import { minutenBedrag } from './tarief.js';

const none = new MemoryConversationState();
/** 0321 exists always; 1234 never; 0001 until 2021 (ceased in a herindeling); 1979 from 2021. */
const cbs: ExterneBronnen['cbs'] = {
  geldigOp: (code, datum) => code === '0321' || (code === '0001' && datum < '2021-01-01') || (code === '1979' && datum >= '2021-01-01'),
};
/** Categorie 45 agrees codes 45A01 and 45A02; 45A01 costs 6000 per uur (04) and 1500 per dagdeel (16). */
const contract: ContractBron = {
  productcodes: (q: ContractVraag) => (q.categorie === '45' ? ['45A01', '45A02'] : undefined),
  tarieven: (q) =>
    q.categorie === '45' && q.code === '45A01'
      ? [
          { eenheid: '04', tarief: 6000 },
          { eenheid: '16', tarief: 1500 },
        ]
      : [],
};
const ctx = (bronnen: ExterneBronnen) => ({ today: TODAY, bronnen });
const prestatie = (p: Partial<PrestatieFeiten>): PrestatieFeiten => ({
  geleverdVolume: '10',
  eenheid: '04',
  productTarief: '6000',
  bedrag: '60000',
  debetCredit: 'D',
  ...p,
});

describe('TR378: a gemeentecode in the CBS list', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: passes for a current code, fails with S300 on the header for an unknown one`, () => {
      expect(TR378.check(cmk(standard, NUMMER.start), none, ctx({ cbs }))).toEqual([]);
      const f = TR378.check(cmk(standard, NUMMER.start, { gemeente: '1234' }), none, ctx({ cbs }));
      expect(f).toEqual([expect.objectContaining({ rule: 'TR378', retourCode: 'S300', path: '/Bericht/Header/Ontvanger' })]);
      const g = TR378.check(cmk(standard, NUMMER.toewijzing, { gemeente: '1234' }), none, ctx({ cbs }));
      expect(g[0]?.path).toBe('/Bericht/Header/Afzender');
    });
  }
  it('a 301 may use a code that ceased in a herindeling after its Ingangsdatum, not one that ceased before', () => {
    const vroeg = cmk('ijw', NUMMER.toewijzing, { gemeente: '0001', datum: '2020-06-01', dagtekening: '2026-03-01' });
    expect(TR378.check(vroeg, none, ctx({ cbs }))).toEqual([]);
    const laat = cmk('ijw', NUMMER.toewijzing, { gemeente: '0001', datum: '2021-02-01', dagtekening: '2026-03-01' });
    expect(TR378.check(laat, none, ctx({ cbs }))).toHaveLength(1);
  });
  it('a start (no Ingangsdatum in the bericht) with a ceased code is accepted; a code never in the list is not', () => {
    expect(TR378.check(cmk('ijw', NUMMER.start, { gemeente: '0001', datum: '2026-02-01' }), none, ctx({ cbs }))).toEqual([]);
    expect(TR378.check(cmk('ijw', NUMMER.start, { gemeente: '1234', datum: '2026-02-01' }), none, ctx({ cbs }))).toHaveLength(1);
  });
  it('without the CBS list it is not assessed, and says so', () => {
    const s = cmk('ijw', NUMMER.start, { gemeente: '1234' });
    expect(TR378.check(s, none, ctx({}))).toEqual([]);
    expect(nietBeoordeeld(s, [TR378], {})).toEqual([{ rule: 'TR378', reden: expect.stringContaining('CBS') }]);
    expect(nietBeoordeeld(s, [TR378], { cbs })).toEqual([]);
  });
});

describe('TR381: the ProductCode fits the categorie in the contract', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    it(`${standard}: an agreed code passes; another code fails with S329 on its Code`, () => {
      const ok = cmk(standard, NUMMER.toewijzing, { categorie: '45', items: [{ client: CLIENT, code: '45A02' }] });
      expect(TR381.check(ok, none, ctx({ contract }))).toEqual([]);
      const bad = cmk(standard, NUMMER.toewijzing, { categorie: '45', items: [{ client: CLIENT, code: '45A99' }] });
      expect(TR381.check(bad, none, ctx({ contract }))).toEqual([
        expect.objectContaining({ rule: 'TR381', retourCode: 'S329', path: `${bad.items[0]!.path}/Product/Code` }),
      ]);
    });
  }
  it('a prestatie names its ProductCode element; a categorie without listed codes is not assessed', () => {
    const bad = cmk('ijw', NUMMER.declaratie, { categorie: '45', items: [{ client: CLIENT, code: '45A99' }] });
    expect(TR381.check(bad, none, ctx({ contract }))[0]?.path).toBe(`${bad.items[0]!.path}/ProductCode`);
    const other = cmk('ijw', NUMMER.declaratie, { categorie: '40', items: [{ client: CLIENT, code: '40A99' }] });
    expect(TR381.check(other, none, ctx({ contract }))).toEqual([]);
  });
  it('without a registry it is listed as not assessed', () => {
    const s = cmk('ijw', NUMMER.toewijzing, { categorie: '45', items: [{ client: CLIENT, code: '45A99' }] });
    expect(nietBeoordeeld(s, CONVERSATION_RULES, { cbs })).toEqual([{ rule: 'TR381', reden: expect.stringContaining('registry') }]);
  });
});

describe('TR346: IngediendBedrag = GeleverdVolume × ProductTarief', () => {
  const decl = (p: Partial<PrestatieFeiten>) =>
    cmk('ijw', NUMMER.declaratie, { categorie: '45', items: [{ client: CLIENT, code: '45A01', prestatie: prestatie(p) }] });
  it('passes when the product matches, fails with 9346 on the Bedrag when it does not', () => {
    expect(TR346.check(decl({}), none, ctx({}))).toEqual([]);
    const s = decl({ bedrag: '60001' });
    expect(TR346.check(s, none, ctx({}))).toEqual([
      expect.objectContaining({ rule: 'TR346', retourCode: '9346', path: `${s.items[0]!.path}/IngediendBedrag/Bedrag` }),
    ]);
  });
  it("euro's (83) are not assessed: the volume is the amount", () => {
    expect(TR346.check(decl({ eenheid: '83', productTarief: undefined as never, bedrag: '5' }), none, ctx({}))).toEqual([]);
  });
  it('minutes against an hourly tarief: (uurtarief × minuten) / 60 rounded to a cent (IV081)', () => {
    // 7001 per uur, 7 minutes: 7001 × 7 / 60 = 816.78 → 817; 117 per minute × 7 = 819 would be the naive product.
    const tarief: ContractBron = { productcodes: () => undefined, tarieven: () => [{ eenheid: '04', tarief: 7001 }] };
    expect(minutenBedrag(7001, '7')).toBe(817n);
    const s = decl({ eenheid: '01', geleverdVolume: '7', productTarief: '117', bedrag: '817' });
    expect(TR346.check(s, none, ctx({ contract: tarief }))).toEqual([]);
    expect(
      TR346.check(decl({ eenheid: '01', geleverdVolume: '7', productTarief: '117', bedrag: '818' }), none, ctx({ contract: tarief })),
    ).toHaveLength(1);
    // Without the contract the hourly tarief is unknown: not judged.
    expect(TR346.check(s, none, ctx({}))).toEqual([]);
  });
  it('amounts beyond 2^53 are exact', () => {
    const s = decl({ geleverdVolume: '99999999', productTarief: '99999999', bedrag: '9999999800000001' });
    expect(TR346.check(s, none, ctx({}))).toEqual([]);
  });
});

describe('TR418: ProductTarief is the contract tarief', () => {
  const decl = (p: Partial<PrestatieFeiten>, code = '45A01') =>
    cmk('ijw', NUMMER.declaratie, { categorie: '45', items: [{ client: CLIENT, code, prestatie: prestatie(p) }] });
  it('passes on the agreed tarief, fails with 0611 on ProductTarief otherwise', () => {
    expect(TR418.check(decl({}), none, ctx({ contract }))).toEqual([]);
    expect(TR418.check(decl({ eenheid: '16', productTarief: '1500' }), none, ctx({ contract }))).toEqual([]);
    const s = decl({ productTarief: '6100', bedrag: '61000' });
    expect(TR418.check(s, none, ctx({ contract }))).toEqual([
      expect.objectContaining({ rule: 'TR418', retourCode: '0611', path: `${s.items[0]!.path}/ProductTarief` }),
    ]);
  });
  it('per minute against the hourly tarief: 6000 / 60 = 100', () => {
    expect(TR418.check(decl({ eenheid: '01', productTarief: '100', bedrag: '1000' }), none, ctx({ contract }))).toEqual([]);
    expect(TR418.check(decl({ eenheid: '01', productTarief: '101', bedrag: '1010' }), none, ctx({ contract }))).toHaveLength(1);
  });
  it('a code without an agreed tarief, or no registry, is not assessed', () => {
    expect(TR418.check(decl({ productTarief: '1' }, '45A02'), none, ctx({ contract }))).toEqual([]);
    expect(TR418.check(decl({ productTarief: '1' }), none, ctx({}))).toEqual([]);
  });
});
