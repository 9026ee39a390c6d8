import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import type { ConversationSummary, Question, ToewijzingQuestion } from '../types.js';

const BERICHTEN = [NUMMER.start, NUMMER.stop] as const;

/** The start/stop lines that name a ToewijzingNummer, with the question that links them to a toewijzing. */
function lines(s: ConversationSummary): { path: string; q: ToewijzingQuestion }[] {
  if (!(BERICHTEN as readonly string[]).includes(s.nummer)) return [];
  return s.items.flatMap((it) =>
    // Taakgericht start/stop has no ToewijzingNummer: no toewijzing to link (the rule is for output/inspanning).
    it.toewijzingNummer !== undefined && it.client !== undefined
      ? [
          {
            path: it.path,
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

/** TR019: a start or stop (305/307) must relate to a toewijzing by its ToewijzingNummer. */
export const TR019 = conversationRule({
  id: 'TR019',
  retourCode: '9019',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.start].items[0]!.pad,
  lezing:
    'every StartProduct/StopProduct with a ToewijzingNummer names a ToegewezenProduct the gemeente sent this aanbieder for this client (a 301 line with that ToewijzingNummer); lines without one (taakgericht) are not assessed',
  grenzen: 'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it',
  vragen: (s) => lines(s).map(({ q }): Question => ({ ask: 'toewijzing', q })),
  check: (s, state) =>
    lines(s).flatMap(({ path, q }): ConversationFinding[] =>
      state.toewijzing(q)
        ? []
        : [
            {
              rule: 'TR019',
              retourCode: '9019',
              path,
              text: `ToewijzingNummer ${q.toewijzingNummer} is not a toewijzing Sluis has seen from gemeente ${q.gemeente} to aanbieder ${q.aanbieder} for this client`,
            },
          ],
    ),
});
