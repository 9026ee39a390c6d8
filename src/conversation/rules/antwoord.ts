/**
 * The antwoordbericht (319) rules' shared question: what the pair sent earlier carrying the
 * Antwoord's ReferentieAanbieder (the verzoek it answers, 301 lines honouring it, earlier 319s).
 */
import { CATALOG, NUMMER } from '../../standard/catalog.js';
import type { ConversationSummary, Question, ReferentieKey } from '../types.js';

/** VerzoekAntwoord (WJ760): 1 verzoek afgewezen, 2 aanvraag in onderzoek. */
export const VerzoekAntwoord = {
  /** Verzoek afgewezen. */
  afgewezen: '1',
  /** Aanvraag in onderzoek. */
  inOnderzoek: '2',
} as const;

const ANTWOORD = CATALOG[NUMMER.antwoordbericht].velden.antwoord!;
/** The Antwoord class, from the Bericht root. */
export const ANTWOORD_KLASSE = ANTWOORD.pad;
/** Where a 319 finding points: the Antwoord's ReferentieAanbieder. */
export const ANTWOORD_PAD = `/Bericht/${ANTWOORD.pad}/${ANTWOORD.referentieAanbieder}`;

/** The 319's reference as a key, with its VerzoekAntwoord; undefined for other berichten. */
export function antwoordVan(s: ConversationSummary): { key: ReferentieKey; verzoekAntwoord: string } | undefined {
  if (s.nummer !== NUMMER.antwoordbericht || !s.antwoord || s.antwoord.referentieAanbieder === '') return undefined;
  return {
    key: { standard: s.standard, gemeente: s.gemeente, aanbieder: s.aanbieder, referentieAanbieder: s.antwoord.referentieAanbieder },
    verzoekAntwoord: s.antwoord.verzoekAntwoord,
  };
}

/** The one referenties question of a 319. */
export function antwoordVragen(s: ConversationSummary): Question[] {
  const a = antwoordVan(s);
  if (!a) return [];
  const { referentieAanbieder, ...pair } = a.key;
  return [{ ask: 'referenties', q: { ...pair, referenties: [referentieAanbieder] } }];
}
