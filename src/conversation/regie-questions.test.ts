/**
 * Throughput: the regie, verzoek/antwoord and toewijzing rules ask one question per kind per bericht,
 * however many lines it has (each kind is one query on the journal).
 */
import { describe, expect, it } from 'vitest';
import { NUMMER } from '../standard/catalog.js';
import { CONVERSATION_RULES } from './rules.js';
import { questionsFor } from './state.js';
import { CLIENT, cmk, vowItem } from '../../test/support/conversation-testkit.js';

const kinds = (s: Parameters<typeof questionsFor>[0]) => questionsFor(s, CONVERSATION_RULES).map((q) => q.ask);

describe('one question per kind per bericht', () => {
  it('a 305 with three lines: one regieVanClient', () => {
    const s = cmk('ijw', NUMMER.start, {
      items: ['T1', 'T2', 'T3'].map((t) => ({ client: CLIENT, toewijzingNummer: t, statusAanlevering: '1' })),
    });
    expect(kinds(s).filter((k) => k === 'regieVanClient')).toHaveLength(1);
  });
  it('a 319: the four 319 rules share one referenties question', () => {
    const s = cmk('iwmo', NUMMER.antwoordbericht, { antwoord: { referentieAanbieder: 'R1', verzoekAntwoord: '2' } });
    expect(kinds(s)).toEqual(['referenties']);
  });
  it('a 317: the seven VOW rules share one toewijzingenVanClient question; TR347 asks one more', () => {
    const s = cmk('ijw', NUMMER.verzoekOmWijziging, {
      verzoekReferentie: 'R1',
      items: [vowItem('OngewijzigdProduct', 1, { toewijzingNummer: 'T1' }), vowItem('TeWijzigenProduct', 1, { toewijzingNummer: 'T2' })],
    });
    const k = kinds(s);
    expect(k.filter((x) => x === 'toewijzingenVanClient')).toHaveLength(1);
    expect(k.filter((x) => x === 'referentiesGebruikt')).toHaveLength(1);
  });
  it('a 301 with three lines, one carrying a reference: one toewijzingNummers and one referenties question', () => {
    const s = cmk('ijw', NUMMER.toewijzing, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', referentieAanbieder: 'R1' },
        { client: CLIENT, toewijzingNummer: 'T2' },
        { client: CLIENT, toewijzingNummer: 'T3' },
      ],
    });
    expect(kinds(s)).toEqual(['toewijzingNummers', 'referenties']);
  });
});
