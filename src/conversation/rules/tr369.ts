import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { PRESTATIE, finding, opToewijzingQ, withToewijzing } from './declaratie.js';
import { somVragen } from './tr322.js';
import { gedeclareerd } from './volume.js';

/** TR369: the GeleverdVolume of all prestaties on a toewijzing with a Budget fits that Budget. */
export const TR369 = conversationRule({
  id: 'TR369',
  retourCode: '9369',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'per ToewijzingNummer whose latest 301 line has a Budget, the GeleverdVolume of the approved debets declared on it that no approved credit names, plus this 323’s debets less what its credits cancel, is at most the Budget (both in the units the standard gives them; a budget is declared in Eenheid 83, euro’s)',
  grenzen: 'only toewijzingen Sluis saw are assessed; prestaties declared before Sluis saw the pair are unknown to it',
  vragen: somVragen,
  check: (s, state) => {
    const seen = new Set<string>();
    const out: ConversationFinding[] = [];
    for (const { item, q, t } of withToewijzing(s, state)) {
      if (seen.has(q.toewijzingNummer) || t.budgetBedrag === undefined) continue;
      seen.add(q.toewijzingNummer);
      const som = gedeclareerd(
        state.prestatiesOpToewijzing(opToewijzingQ(s, q.toewijzingNummer)),
        s.items.filter((it) => it.toewijzingNummer === q.toewijzingNummer),
      );
      const budget = Number(t.budgetBedrag);
      if (Number.isFinite(budget) && som > budget)
        out.push(
          finding(TR369, item.path, `ToewijzingNummer ${q.toewijzingNummer}: GeleverdVolume ${som} in all, more than the Budget ${budget}`),
        );
    }
    return out;
  },
});
