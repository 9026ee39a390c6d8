/**
 * The decision core's AsyncDecisionState over the journal. Every decision the core takes carries the
 * bericht's summary (`decision.summary`: codes, dates, references — no BSN, no name), and the journal
 * keeps it in its `decision_summary` column (migration 0125); a GIN index (jsonb_path_ops) on it,
 * partial to 301/315/317/319 (migration 0131), makes the verzoek and toewijzing questions containment
 * queries, with no second table to keep in step with the journal write:
 * - `heenbericht`: by the journal's idempotency key (sender = the heen's Afzender, BerichtCode,
 *   Identificatie — its unique index); the stored summary, or for a row journaled without one the raw
 *   bytes re-parsed and summarised.
 * - `verzoek`: the latest 315 (per AangevraagdProduct) or 317 with that ReferentieAanbieder between
 *   that gemeente and aanbieder; open until a later 301 carrying the same ReferentieAanbieder or a
 *   319 with VerzoekAntwoord 1 (afgewezen) for it (TR374).
 * - `toewijzing`: the latest 301 product line with that ToewijzingNummer.
 * Rows Sluis rejected (afgekeurd: no decision) or refused (geweigerd) count as never sent: the
 * receiver never saw them, so they neither create nor close anything. The SQL is the store's
 * (src/store/journal/state-*.ts); this file asks the questions.
 */
import { MESSAGES } from '../standard/generated/model.js';
import { NUMMER } from '../standard/catalog.js';
import { berichtId } from '../standard/model.js';
import type { AsyncDecisionState, StoredBericht, StoredToewijzing, StoredVerzoek, VerzoekKey } from '../decision/state.js';
import type { Decision } from '../decision/decision.js';
import { summarize, type BerichtSummary } from '../decision/summary.js';
import { parseBericht } from '../validation/parse.js';
import type { Db } from '../store/db.js';
import { findHeenbericht } from '../store/journal/state-heenbericht.js';
import { latestBySummary } from '../store/journal/state-latest.js';
import { existsSummaryAfter } from '../store/journal/state-closer.js';
import { BerichtStatus } from '../status.js';

/** VerzoekAntwoord 1: the verzoek is afgewezen (WJ760); it closes the verzoek like a 301 does. */
const VERZOEK_AFGEWEZEN = '1';

function stored(decision: Decision, summary: BerichtSummary | null): StoredBericht | undefined {
  return summary ? { summary, decision } : undefined;
}

/** A journal position: (received_at, id), the order berichten were taken in. */
export interface JournalPosition {
  readonly receivedAt: Date;
  readonly id: string;
}

export interface JournalStateOptions {
  /**
   * Answer as the journal stood just before this bericht came in (rows strictly before it). For
   * replay: re-deciding a 301 against today's journal would find the verzoek it closed itself.
   * Absent: the whole journal (the live pipeline decides before it writes).
   */
  readonly before?: JournalPosition;
}

export function journalState(db: Db, opts: JournalStateOptions = {}): AsyncDecisionState {
  const bound = opts.before;
  const latest = (probes: readonly object[], full: readonly object[]) => latestBySummary<Decision, BerichtSummary>(db, probes, full, bound);

  return {
    async heenbericht(key): Promise<StoredBericht | undefined> {
      const message = MESSAGES[berichtId(key.standard, key.ref.nummer)];
      // The raw bytes only when there is no summary to answer from (a 7.6 KB JW301 is read from TOAST).
      const row = await findHeenbericht<Decision, BerichtSummary>(
        db,
        `${key.ref.afzender}|${message.berichtCode}|${key.ref.identificatie}`,
        bound,
      );
      if (!row || row.status === BerichtStatus.AFGEKEURD) return undefined;
      const fromDecision = row.decision ? stored(row.decision, row.decision_summary) : undefined;
      if (fromDecision) return fromDecision;
      // Journaled without a summary (no registry then, or before summaries were journaled).
      if (!row.raw) return undefined;
      const parsed = parseBericht(row.raw);
      if (!parsed.success) return undefined;
      try {
        return { summary: summarize(parsed.message, parsed.bericht), ...(row.decision ? { decision: row.decision } : {}) };
      } catch {
        return undefined; // a journaled bericht the core cannot summarise is no usable state
      }
    },

    async verzoek(key: VerzoekKey): Promise<StoredVerzoek | undefined> {
      const base = { standard: key.standard, gemeente: key.gemeente, aanbieder: key.aanbieder };
      const ref = key.referentieAanbieder;
      const v = await latest(
        [{ items: [{ referentieAanbieder: ref }] }, { verzoekReferentie: ref }],
        [
          { ...base, nummer: NUMMER.verzoekOmToewijzing, items: [{ referentieAanbieder: ref }] },
          { ...base, nummer: NUMMER.verzoekOmWijziging, verzoekReferentie: ref },
        ],
      );
      const bericht = v ? stored(v.decision, v.decision_summary) : undefined;
      if (!v || !bericht) return undefined;
      const closed = await existsSummaryAfter(
        db,
        [{ items: [{ referentieAanbieder: ref }] }, { antwoord: { referentieAanbieder: ref } }],
        [
          { ...base, nummer: NUMMER.toewijzing, items: [{ referentieAanbieder: ref }] },
          { ...base, nummer: NUMMER.antwoordbericht, antwoord: { referentieAanbieder: ref, verzoekAntwoord: VERZOEK_AFGEWEZEN } },
        ],
        { receivedAt: v.received_at, id: v.id },
        bound,
      );
      return { bericht, open: !closed };
    },

    async toewijzing(key): Promise<StoredToewijzing | undefined> {
      const t = await latest(
        [{ items: [{ toewijzingNummer: key.toewijzingNummer }] }],
        [
          {
            standard: key.standard,
            gemeente: key.gemeente,
            aanbieder: key.aanbieder,
            nummer: NUMMER.toewijzing,
            items: [{ toewijzingNummer: key.toewijzingNummer }],
          },
        ],
      );
      const item = t?.decision_summary.items.find((it) => it.toewijzingNummer === key.toewijzingNummer);
      if (!item?.datum) return undefined;
      return {
        ingangsdatum: item.datum,
        ...(item.categorie !== undefined ? { categorie: item.categorie } : {}),
        ...(item.code !== undefined ? { code: item.code } : {}),
      };
    },
  };
}
