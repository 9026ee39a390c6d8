import { describe, expect, it } from 'vitest';
import { NUMMER } from '../../standard/catalog.js';
import type { ConversationItem } from '../types.js';
import { AANBIEDER, CLIENT, GEMEENTE, OTHER_CLIENT, TODAY } from '../../../test/support/conversation-testkit.js';
import { antwoord, met323 } from '../../../test/support/declaratie-testkit.js';
import { TR304 } from './tr304.js';
import { TR366 } from './tr366.js';
import { TR367 } from './tr367.js';

const prestatie = (ref: string, more: Partial<ConversationItem> = {}): ConversationItem => ({
  kind: 'Prestatie',
  index: 1,
  path: `/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[${ref}]`,
  productReferentie: ref,
  client: CLIENT,
  toewijzingNummer: 'T1',
  categorie: '45',
  code: '45A03',
  datum: '2026-03-01',
  einddatum: '2026-03-31',
  geleverdVolume: '4',
  eenheid: '04',
  bedrag: '5000',
  debetCredit: 'D',
  ...more,
});

describe('TR366, TR367, TR304 on a 325: its prestaties are those of the answered 323', () => {
  for (const standard of ['ijw', 'iwmo'] as const) {
    const state = met323(standard).putPrestatie(
      { standard, aanbieder: AANBIEDER },
      { gemeente: GEMEENTE, declaratieIdentificatie: 'D1', goedgekeurd: true, item: prestatie('RN1') },
    );
    const s = (items: ConversationItem[]) => ({ ...antwoord(standard), nummer: NUMMER.declaratieAntwoord, items });
    it(`${standard}: the same prestatie passes all three`, () => {
      for (const r of [TR366, TR367, TR304]) expect(r.check(s([prestatie('RN1')]), state, { today: TODAY })).toEqual([]);
    });
    it(`${standard}: an unknown ReferentieNummer fails TR366 (9366)`, () => {
      expect(TR366.check(s([prestatie('RN9')]), state, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR366', retourCode: '9366' }),
      ]);
    });
    it(`${standard}: other values fail TR367 (9367), another client TR304 (8187)`, () => {
      const f = TR367.check(s([prestatie('RN1', { bedrag: '6000', eenheid: '01' })]), state, { today: TODAY });
      expect(f).toEqual([expect.objectContaining({ rule: 'TR367', retourCode: '9367' })]);
      expect(f[0]!.text).toContain('Eenheid, IngediendBedrag/Bedrag');
      expect(TR304.check(s([prestatie('RN1', { client: OTHER_CLIENT })]), state, { today: TODAY })).toEqual([
        expect.objectContaining({ rule: 'TR304', retourCode: '8187' }),
      ]);
    });
  }
});
