import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import type { ConversationItem, ConversationSummary, ReferentieHistorie } from '../types.js';
import { VerzoekAntwoord } from './antwoord.js';

function regels(s: ConversationSummary): (ConversationItem & { referentieAanbieder: string })[] {
  if (s.nummer !== NUMMER.toewijzing) return [];
  return s.items.filter((it): it is ConversationItem & { referentieAanbieder: string } => it.referentieAanbieder !== undefined);
}

/** Why `it` may not carry its ReferentieAanbieder, or undefined when it honours an open verzoek of its client. */
function bezwaar(it: ConversationItem, h: ReferentieHistorie): string | undefined {
  if (!h.verzoeken.some((v) => it.client === undefined || v.client === undefined || v.client === it.client))
    return 'no verzoek (315 product or 317) of this aanbieder for this client carries it';
  if (h.toewijzingen.length > 0) return 'an earlier toewijzing already honoured that verzoek (only the first toewijzing carries it)';
  if (h.antwoorden.includes(VerzoekAntwoord.afgewezen)) return 'that verzoek was afgewezen (319)';
  return undefined;
}

/** TR379: ReferentieAanbieder in a ToegewezenProduct only when honouring a VOT/VOW, with that verzoek's reference. */
export const TR379 = conversationRule({
  id: 'TR379',
  retourCode: '9379',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.toewijzing],
  klasse: CATALOG[NUMMER.toewijzing].items[0]!.pad,
  lezing:
    'a ToegewezenProduct with a ReferentieAanbieder honours a verzoek: an AangevraagdProduct (315) or Verzoek (317) this aanbieder sent this gemeente for the same client carries it, no earlier 301 line carried it (only the first toewijzing after honouring does) and no 319 rejected it (VerzoekAntwoord 1)',
  grenzen:
    'whether a toewijzing without ReferentieAanbieder honours a verzoek (the converse half of the rule); verzoeken and toewijzingen sent before Sluis saw this pair, or outside Sluis, are unknown to it',
  vragen: (s) => {
    const refs = [...new Set(regels(s).map((it) => it.referentieAanbieder))];
    return refs.length > 0
      ? [{ ask: 'referenties', q: { standard: s.standard, gemeente: s.gemeente, aanbieder: s.aanbieder, referenties: refs } }]
      : [];
  },
  check: (s, state) =>
    regels(s).flatMap((it): ConversationFinding[] => {
      const h = state.referentie({
        standard: s.standard,
        gemeente: s.gemeente,
        aanbieder: s.aanbieder,
        referentieAanbieder: it.referentieAanbieder,
      });
      const reden = bezwaar(it, h);
      if (reden === undefined) return [];
      return [
        {
          rule: 'TR379',
          retourCode: '9379',
          path: it.path,
          text: `ReferentieAanbieder ${it.referentieAanbieder} is filled but ${reden}`,
        },
      ];
    }),
});
