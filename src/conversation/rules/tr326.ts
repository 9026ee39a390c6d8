import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { StatusAanlevering } from '../../standard/generated/codelists.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import type { ConversationItem, ConversationSummary, RegieRegel, ToewijzingQuestion } from '../types.js';

type Status = keyof typeof StatusAanlevering;
const EERSTE: Status = '1';
const VERWIJDEREN: Status = '3';

function starts(s: ConversationSummary): { item: ConversationItem; q: ToewijzingQuestion }[] {
  if (s.nummer !== NUMMER.start) return [];
  return s.items.flatMap((it) =>
    it.toewijzingNummer !== undefined && it.client !== undefined
      ? [
          {
            item: it,
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
 * The begindata of the actuele starts for one toegewezen product after `regels` (oldest first): a
 * start with StatusAanlevering 1 opens one; a start with 3 (verwijderen) removes it (IV008); a stop
 * with the same Begindatum ends it, and a stop with 3 undoes that stop.
 */
export function actueleStarts(regels: readonly RegieRegel[]): Set<string> {
  const starts = new Map<string, boolean>();
  for (const r of regels) {
    const b = r.begindatum ?? '';
    if (r.soort === 'start') {
      if (r.statusAanlevering === EERSTE) starts.set(b, true);
      else if (r.statusAanlevering === VERWIJDEREN) starts.delete(b);
    } else if (starts.has(b)) starts.set(b, r.statusAanlevering === VERWIJDEREN);
  }
  return new Set([...starts].filter(([, open]) => open).map(([b]) => b));
}

/**
 * TR326: a start (305, StatusAanlevering 1) only when the toegewezen product (by ToewijzingNummer)
 * has no actuele start: one not yet stopped by a 307 with the same key and not removed by a 305 with
 * StatusAanlevering 3. Removals in the same bericht count first (a correction sends 3 and 1 together).
 */
export const TR326 = conversationRule({
  id: 'TR326',
  retourCode: '9326',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.start],
  klasse: CATALOG[NUMMER.start].items[0]!.pad,
  lezing:
    'a StartProduct with StatusAanlevering 1 for a ToewijzingNummer and client that already has a start (StatusAanlevering 1) not stopped by a StopProduct with the same Begindatum and not removed by a StartProduct with StatusAanlevering 3',
  grenzen: 'starts and stops sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, are unknown to it',
  vragen: (s) => starts(s).map(({ q }) => ({ ask: 'regie' as const, q })),
  check: (s, state) => {
    const lines = starts(s);
    return lines.flatMap(({ item, q }): ConversationFinding[] => {
      if (item.statusAanlevering !== EERSTE) return [];
      const actueel = actueleStarts(state.regie(q));
      for (const other of lines) {
        if (other.q.toewijzingNummer === q.toewijzingNummer && other.item.statusAanlevering === VERWIJDEREN)
          actueel.delete(other.item.datum ?? '');
      }
      if (actueel.size === 0) return [];
      return [
        {
          rule: 'TR326',
          retourCode: '9326',
          path: item.path,
          text: `ToewijzingNummer ${q.toewijzingNummer} already has a start (Begindatum ${[...actueel].join(', ')}) that was not stopped or removed`,
        },
      ];
    });
  },
});
