import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import type { ConversationSummary, Question, ToewijzingQuestion } from '../types.js';

function prestaties(s: ConversationSummary): { path: string; ref?: string; q: ToewijzingQuestion }[] {
  if (s.nummer !== NUMMER.declaratie) return [];
  return s.items.flatMap((it) =>
    it.toewijzingNummer !== undefined && it.client !== undefined
      ? [
          {
            path: it.path,
            ...(it.productReferentie !== undefined ? { ref: it.productReferentie } : {}),
            q: {
              standard: s.standard,
              gemeente: s.gemeente,
              aanbieder: s.aanbieder,
              client: it.client,
              toewijzingNummer: it.toewijzingNummer,
            },
          },
        ]
      : [],
  );
}

/**
 * TR338: a Prestatie relates to a ToegewezenProduct by its ToewijzingNummer. Taakgericht has no 323
 * (no declaratie in the berichtenverkeer), so "toegewezen" is always a 301 line.
 */
export const TR338 = conversationRule({
  id: 'TR338',
  retourCode: '9338',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: CATALOG[NUMMER.declaratie].items[0]!.pad,
  lezing:
    'every Prestatie names, by its ToewijzingNummer, a ToegewezenProduct the gemeente sent this aanbieder for the Client the prestatie is declared for (a 301 line); TR339–TR341 (categorie, code, eenheid) are not yet encoded',
  grenzen: 'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it',
  vragen: (s) => prestaties(s).map(({ q }): Question => ({ ask: 'toewijzing', q })),
  check: (s, state) =>
    prestaties(s).flatMap(({ path, ref, q }): ConversationFinding[] =>
      state.toewijzing(q)
        ? []
        : [
            {
              rule: 'TR338',
              retourCode: '9338',
              path,
              text: `prestatie${ref !== undefined ? ` ${ref}` : ''}: ToewijzingNummer ${q.toewijzingNummer} is not a toegewezen product Sluis has seen from gemeente ${q.gemeente} to aanbieder ${q.aanbieder} for this client`,
            },
          ],
    ),
});
