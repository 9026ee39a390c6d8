import { describe, expect, it } from 'vitest';
import type { BerichtSummary, SummaryItem } from '../decision/summary.js';
import type { BerichtNummer } from '../standard/catalog.js';
import { Werkdagen } from '../standard/werkdagen.js';
import {
  antwoordSleutels,
  followsInOnderzoek,
  isInOnderzoek,
  isTermijnSummary,
  opensTermijnen,
  type GeslotenTermijn,
} from './termijn-derive.js';

const werkdagen = new Werkdagen();

function summary(nummer: BerichtNummer, extra: Partial<BerichtSummary> = {}): BerichtSummary {
  const gemeenteSends = ['301', '306', '308', '316', '318', '319', '325'].includes(nummer);
  return {
    id: `JW${nummer}` as BerichtSummary['id'],
    standard: 'ijw',
    nummer,
    berichtCode: '414',
    afzender: gemeenteSends ? '0384' : '42420001',
    ontvanger: gemeenteSends ? '42420001' : '0384',
    verzender: gemeenteSends ? 'gemeente' : 'aanbieder',
    gemeente: '0384',
    aanbieder: '42420001',
    identificatie: `ID${nummer}`,
    dagtekening: '2026-04-01',
    items: [],
    ...extra,
  };
}
const item = (kind: SummaryItem['kind'], f: Partial<SummaryItem>): SummaryItem => ({ kind, index: 1, path: '/x', ...f });

describe('opensTermijnen', () => {
  it('a 301: its 302 within 3 working days (owed by the aanbieder), keyed by its own header', () => {
    const s = summary('301', { items: [item('ToegewezenProduct', { datum: '2026-04-02', toewijzingNummer: 'T1' })] });
    const t = opensTermijnen({ berichtId: 'B1', summary: s, geopendOp: '2026-04-02', werkdagen });
    expect(t.map((x) => [x.regel, x.wachtOp, x.sleutels, x.uiterlijk, x.afzender, x.schuldenaar])).toEqual([
      ['OP090', ['302'], ['heen:301:0384:ID301'], '2026-04-08', '0384', '42420001'],
    ]);
  });

  it('a retroactive 301 (a product starting before receipt) also opens OP271: a 305 within 5, by its toewijzingen', () => {
    const s = summary('301', {
      items: [
        item('ToegewezenProduct', { datum: '2026-03-01', toewijzingNummer: 'T1' }),
        item('ToegewezenProduct', { datum: '2026-05-01', toewijzingNummer: 'T2' }),
      ],
    });
    const t = opensTermijnen({ berichtId: 'B1', summary: s, geopendOp: '2026-04-02', werkdagen }).find((x) => x.regel === 'OP271');
    expect(t).toMatchObject({ voorwaarde: 'terugwerkende-kracht', wachtOp: ['305'], sleutels: ['tw:T1'], uiterlijk: '2026-04-10' });
  });

  it('a 315: OP090 and one OP274 per AangevraagdProduct (301 or 319 within 5, owed by the gemeente); no conditional ones', () => {
    const s = summary('315', {
      items: [item('AangevraagdProduct', { referentieAanbieder: 'R1' }), item('AangevraagdProduct', { referentieAanbieder: 'R2' })],
    });
    const t = opensTermijnen({ berichtId: 'B2', summary: s, geopendOp: '2026-04-24', werkdagen });
    // Fri 24 April 2026: Koningsdag Mon 27 → Tue 28, Wed 29, Thu 30 (3); Fri 1 May, Mon 4 (5)
    expect(t.map((x) => [x.regel, x.voorwaarde, x.sleutel, x.uiterlijk, x.schuldenaar])).toEqual([
      ['OP090', '', 'heen:315:42420001:ID315', '2026-04-30', '0384'],
      ['OP274', '', 'ref:R1', '2026-05-04', '0384'],
      ['OP274', '', 'ref:R2', '2026-05-04', '0384'],
    ]);
  });

  it('a 317: OP346 as a whole, keyed by the Verzoek’s ReferentieAanbieder', () => {
    const t = opensTermijnen({ berichtId: 'B3', summary: summary('317', { verzoekReferentie: 'V1' }), geopendOp: '2026-04-02', werkdagen });
    expect(t.map((x) => [x.regel, x.sleutels])).toEqual([
      ['OP090', ['heen:317:42420001:ID317']],
      ['OP346', ['ref:V1']],
    ]);
  });

  it('a 323: its 325 within 10 working days, by DeclaratieIdentificatie or DeclaratieNummer; across the year boundary', () => {
    const t = opensTermijnen({ berichtId: 'B4', summary: summary('323', { declaratieNummer: 'D1' }), geopendOp: '2026-12-23', werkdagen });
    expect(t.map((x) => [x.regel, x.sleutels, x.uiterlijk, x.schuldenaar])).toEqual([
      ['OP090x4', ['heen:323:42420001:ID323', 'decl:D1'], '2027-01-08', '0384'],
    ]);
  });

  it('a 305: only its retour; OP271 on the actual start is an event Sluis does not see', () => {
    const t = opensTermijnen({ berichtId: 'B5', summary: summary('305'), geopendOp: '2026-04-02', werkdagen });
    expect(t.map((x) => x.regel)).toEqual(['OP090']);
  });

  it('retourberichten and 325 open nothing', () => {
    expect(opensTermijnen({ berichtId: 'B6', summary: summary('302'), geopendOp: '2026-04-02', werkdagen })).toEqual([]);
    expect(opensTermijnen({ berichtId: 'B7', summary: summary('325'), geopendOp: '2026-04-02', werkdagen })).toEqual([]);
  });
});

describe('antwoordSleutels', () => {
  it('a retour names its heenbericht; a 325 also its DeclaratieNummer', () => {
    expect(
      antwoordSleutels(summary('302', { heen: { nummer: '301', afzender: '0384', identificatie: 'X', dagtekening: '2026-04-01' } })),
    ).toEqual(['heen:301:0384:X']);
    expect(
      antwoordSleutels(
        summary('325', {
          declaratieNummer: 'D1',
          heen: { nummer: '323', afzender: '42420001', identificatie: 'Y', dagtekening: '2026-04-01' },
        }),
      ),
    ).toEqual(['heen:323:42420001:Y', 'decl:D1']);
  });
  it('a 301 answers by ReferentieAanbieder (and starts by ToewijzingNummer); a 319 by its Antwoord', () => {
    expect(
      antwoordSleutels(summary('301', { items: [item('ToegewezenProduct', { referentieAanbieder: 'R1', toewijzingNummer: 'T1' })] })),
    ).toEqual(['ref:R1', 'tw:T1']);
    expect(antwoordSleutels(summary('319', { antwoord: { referentieAanbieder: 'R2', verzoekAntwoord: '1' } }))).toEqual(['ref:R2']);
  });
});

describe('followsInOnderzoek', () => {
  const closed = (bericht: string, voorwaarde = ''): GeslotenTermijn => ({
    berichtId: 'B',
    standard: 'ijw',
    bericht,
    regel: bericht === '315' ? 'OP274' : 'OP346',
    voorwaarde,
    sleutel: 'ref:R1',
    gemeente: '0384',
    aanbieder: '42420001',
    dagtekening: '2026-03-30',
    geopendOp: '2026-04-02',
  });
  const inOnderzoek = summary('319', { antwoord: { referentieAanbieder: 'R1', verzoekAntwoord: '2' } });

  it('"in onderzoek" on a VOT: the final answer within 8 weeks of receipt', () => {
    expect(isInOnderzoek(inOnderzoek)).toBe(true);
    expect(followsInOnderzoek(inOnderzoek, closed('315'), werkdagen)).toMatchObject({
      regel: 'OP274',
      voorwaarde: 'in-onderzoek',
      sleutels: ['ref:R1'],
      uiterlijk: '2026-05-28',
      schuldenaar: '0384',
      afzender: '42420001',
    });
  });
  it('on a VOW: 8 weeks after its Dagtekening', () => {
    expect(followsInOnderzoek(inOnderzoek, closed('317'), werkdagen)?.uiterlijk).toBe('2026-05-25');
  });
  it('nothing follows a rejection, nor a second "in onderzoek"', () => {
    const afgewezen = summary('319', { antwoord: { referentieAanbieder: 'R1', verzoekAntwoord: '1' } });
    expect(isInOnderzoek(afgewezen)).toBe(false);
    expect(followsInOnderzoek(afgewezen, closed('315'), werkdagen)).toBeUndefined();
    expect(followsInOnderzoek(inOnderzoek, closed('315', 'in-onderzoek'), werkdagen)).toBeUndefined();
  });
});

describe('isTermijnSummary', () => {
  it('takes a summary with every field the termijnen need, nothing else', () => {
    expect(isTermijnSummary(summary('301'))).toBe(true);
    expect(isTermijnSummary(null)).toBe(false);
    expect(isTermijnSummary({ nummer: '323', gemeente: '0384', aanbieder: '42420001' })).toBe(false);
    expect(isTermijnSummary({ ...summary('301'), nummer: '999' })).toBe(false);
    const { items: _items, ...noItems } = summary('301');
    expect(isTermijnSummary(noItems)).toBe(false);
  });
});
