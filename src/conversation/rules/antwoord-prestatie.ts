/**
 * The 325 prestatie rules' shared step (TR304, TR366, TR367): each prestatie of a 325 beside the 323
 * prestatie it names by ProductReferentie in the declaratie answered. Not a rule itself.
 */
import { NUMMER } from '../../standard/catalog.js';
import type { ConversationItem, ConversationState, ConversationSummary, Question } from '../types.js';
import { beantwoord, beantwoordeDeclaratie, referentieQ } from './declaratie.js';

/** The questions: the answered 323, and each ReferentieNummer. */
export function antwoordVragen(s: ConversationSummary): Question[] {
  const q = beantwoord(s);
  if (!q) return [];
  const refs = new Set(s.items.flatMap((it) => (it.productReferentie !== undefined ? [it.productReferentie] : [])));
  return [{ ask: 'declaratie', q }, ...[...refs].map((r): Question => ({ ask: 'prestaties', q: referentieQ(s, r) }))];
}

/**
 * Per 325 prestatie, the 323 prestatie in the answered declaratie with the same ReferentieNummer and
 * VorigReferentieNummer (`gedeclareerd` undefined: none). Empty when the 323 is unknown (TR337).
 */
export function antwoordPrestaties(
  s: ConversationSummary,
  state: ConversationState,
): { item: ConversationItem; gedeclareerd?: ConversationItem }[] {
  if (s.nummer !== NUMMER.declaratieAntwoord) return [];
  const d = beantwoordeDeclaratie(s, state);
  if (!d) return [];
  return s.items.flatMap((it) => {
    const ref = it.productReferentie;
    if (ref === undefined) return [];
    const p = state
      .prestaties(referentieQ(s, ref))
      .find(
        (x) =>
          x.declaratieIdentificatie === d.identificatie &&
          x.item.productReferentie === ref &&
          x.item.vorigReferentie === it.vorigReferentie,
      );
    return [{ item: it, ...(p ? { gedeclareerd: p.item } : {}) }];
  });
}
