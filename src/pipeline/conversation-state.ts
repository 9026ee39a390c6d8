/**
 * The conversation rules' AsyncConversationState over the journal: every question is answered from
 * the decision summaries (`decision_summary`) the pipeline journaled, with the conversation facts on
 * their items (`client`: a keyed hash of the BSN; `statusAanlevering`) — no second table to keep in
 * step. As in journal-state.ts, berichten Sluis rejected or refused count as never sent.
 * - `toewijzing`: the latest 301 line with that ToewijzingNummer for that client (index 0131).
 * - `regie`: every 305/307 line with that ToewijzingNummer for that client, oldest first (index 0135).
 * - `declaratieBekend`: a 323 of the aanbieder with that DeclaratieNummer (index 0136).
 * - `openVerzoeken`: the aanbieder's 315/317 for that client, each ReferentieAanbieder not followed
 *   by a 301 line or a 319 "afgewezen" carrying it (TR374's definition of in behandeling).
 */
import { CATALOG, NUMMER } from '../standard/catalog.js';
import type { AsyncConversationState, ConversationSummary, OpenVerzoek, RegieRegel } from '../conversation/types.js';
import type { Db } from '../store/db.js';
import { allBySummary } from '../store/journal/state-all.js';
import { existsSummaryAfter } from '../store/journal/state-closer.js';
import { existsDeclaratieNummer } from '../store/journal/state-declaratie.js';
import { latestBySummary } from '../store/journal/state-latest.js';
import type { JournalStateOptions } from './journal-state.js';

/** VerzoekAntwoord 1: the verzoek is afgewezen (WJ760); it closes the verzoek like a 301 does. */
const VERZOEK_AFGEWEZEN = '1';

export function conversationState(db: Db, opts: JournalStateOptions = {}): AsyncConversationState {
  const bound = opts.before;
  return {
    async toewijzing(q) {
      const line = { toewijzingNummer: q.toewijzingNummer, client: q.client };
      const row = await latestBySummary<unknown, ConversationSummary>(
        db,
        [{ items: [line] }],
        [{ standard: q.standard, gemeente: q.gemeente, aanbieder: q.aanbieder, nummer: NUMMER.toewijzing, items: [line] }],
        bound,
      );
      return row?.decision_summary.items.find((it) => it.toewijzingNummer === q.toewijzingNummer && it.client === q.client);
    },

    async regie(q) {
      const line = { toewijzingNummer: q.toewijzingNummer, client: q.client };
      const base = { standard: q.standard, gemeente: q.gemeente, aanbieder: q.aanbieder };
      const rows = await allBySummary<unknown, ConversationSummary>(
        db,
        [{ items: [line] }],
        [
          { ...base, nummer: NUMMER.start, items: [line] },
          { ...base, nummer: NUMMER.stop, items: [line] },
        ],
        'regie',
        bound,
      );
      return rows.flatMap((r) =>
        r.decision_summary.items
          .filter((it) => it.toewijzingNummer === q.toewijzingNummer && it.client === q.client)
          .map((it): RegieRegel => ({
            soort: r.decision_summary.nummer === NUMMER.start ? 'start' : 'stop',
            ...(it.datum !== undefined ? { begindatum: it.datum } : {}),
            ...(it.statusAanlevering !== undefined ? { statusAanlevering: it.statusAanlevering } : {}),
          })),
      );
    },

    declaratieBekend: (q) => existsDeclaratieNummer(db, q, bound),

    async openVerzoeken(q) {
      const client = { items: [{ client: q.client }] };
      const base = { standard: q.standard, aanbieder: q.aanbieder };
      const rows = await allBySummary<unknown, ConversationSummary>(
        db,
        [client],
        [
          { ...base, nummer: NUMMER.verzoekOmToewijzing, ...client },
          { ...base, nummer: NUMMER.verzoekOmWijziging, ...client },
        ],
        'state',
        bound,
      );
      const open: OpenVerzoek[] = [];
      for (const r of rows) {
        const s = r.decision_summary;
        const refs =
          CATALOG[s.nummer].verzoek === 'per-product'
            ? s.items
                .filter((it) => it.client === q.client)
                .flatMap((it) => (it.referentieAanbieder !== undefined ? [it.referentieAanbieder] : []))
            : s.verzoekReferentie !== undefined
              ? [s.verzoekReferentie]
              : [];
        const pair = { standard: s.standard, gemeente: s.gemeente, aanbieder: s.aanbieder };
        for (const ref of new Set(refs)) {
          const closed = await existsSummaryAfter(
            db,
            [{ items: [{ referentieAanbieder: ref }] }, { antwoord: { referentieAanbieder: ref } }],
            [
              { ...pair, nummer: NUMMER.toewijzing, items: [{ referentieAanbieder: ref }] },
              { ...pair, nummer: NUMMER.antwoordbericht, antwoord: { referentieAanbieder: ref, verzoekAntwoord: VERZOEK_AFGEWEZEN } },
            ],
            { receivedAt: r.received_at, id: r.id },
            bound,
          );
          if (!closed) open.push({ referentieAanbieder: ref, gemeente: s.gemeente });
        }
      }
      return open;
    },
  };
}
