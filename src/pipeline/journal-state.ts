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
 * receiver never saw them, so they neither create nor close anything.
 */
import { MESSAGES } from '../standard/generated/model.js';
import { NUMMER } from '../standard/catalog.js';
import { berichtId } from '../standard/model.js';
import type { AsyncDecisionState, StoredBericht, StoredToewijzing, StoredVerzoek, VerzoekKey } from '../decision/state.js';
import type { Decision } from '../decision/decision.js';
import { summarize, type BerichtSummary } from '../decision/summary.js';
import { parseBericht } from '../xml/parse.js';
import type { Db } from '../store/db.js';
import { BerichtStatus } from './status.js';

/** VerzoekAntwoord 1: the verzoek is afgewezen (WJ760); it closes the verzoek like a 301 does. */
const VERZOEK_AFGEWEZEN = '1';

function stored(decision: Decision, summary: BerichtSummary | null): StoredBericht | undefined {
  return summary ? { summary, decision } : undefined;
}

/** Rows that count as sent: not afgekeurd (decision null) and not refused. */
const COUNTS = `decision IS NOT NULL AND decision ->> 'action' <> 'refuse' AND status <> '${BerichtStatus.AFGEKEURD}'`;

/** The predicate of the partial index journal_decision_summary_state (migration 0131); every probe repeats it so the planner can use it. */
const INDEXED = `(decision_summary ->> 'nummer') IN (${[NUMMER.toewijzing, NUMMER.verzoekOmToewijzing, NUMMER.verzoekOmWijziging, NUMMER.antwoordbericht].map((n) => `'${n}'`).join(', ')})`;

type Row = { id: string; received_at: Date | string; decision: Decision; decision_summary: BerichtSummary };

/**
 * Rows whose summary contains one of `probes` (selective: only the reference, e.g.
 * `{items: [{referentieAanbieder}]}`), then filtered on one of `full` (the same plus standard,
 * gemeente, aanbieder, nummer) and on `extra`. Two steps because of how PostgreSQL plans it, measured
 * on 100,000 journal rows: with ORDER BY … LIMIT 1 over the plain WHERE, the planner walked
 * journal_received_at backwards filtering every row (63 ms for a miss, growing with the journal); and
 * a containment probe that includes `standard`/`gemeente` makes the GIN index intersect posting lists
 * as long as the journal (4.5 ms). The MATERIALIZED CTE forces the bitmap scan on the selective probe.
 */
function probeSql(probes: readonly object[], full: readonly object[], extra: readonly string[], params: unknown[]): string {
  const ph = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const p = probes.map((c) => `decision_summary @> ${ph(JSON.stringify(c))}::jsonb`).join(' OR ');
  const f = full.map((c) => `decision_summary @> ${ph(JSON.stringify(c))}::jsonb`).join(' OR ');
  return `WITH m AS MATERIALIZED (SELECT id, received_at, decision, decision_summary, status FROM journal WHERE (${p}) AND ${INDEXED})
    SELECT id, received_at, decision, decision_summary FROM m WHERE (${f}) AND ${COUNTS}${extra.map((e) => ` AND ${e}`).join('')}`;
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

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : d);

export function journalState(db: Db, opts: JournalStateOptions = {}): AsyncDecisionState {
  const bound = opts.before;
  /** The as-of condition, its parameters appended to `params`. */
  const before = (params: unknown[]): string[] => {
    if (!bound) return [];
    params.push(bound.receivedAt.toISOString(), bound.id);
    return [`(received_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::text)`];
  };
  const latest = async (probes: readonly object[], full: readonly object[]): Promise<Row | undefined> => {
    const params: unknown[] = [];
    const sql = probeSql(probes, full, before(params), params);
    return (await db.query<Row>(`${sql} ORDER BY received_at DESC, id DESC LIMIT 1`, params)).rows[0];
  };

  return {
    async heenbericht(key): Promise<StoredBericht | undefined> {
      const message = MESSAGES[berichtId(key.standard, key.ref.nummer)];
      const params: unknown[] = [`${key.ref.afzender}|${message.berichtCode}|${key.ref.identificatie}`];
      // The raw bytes only when there is no summary to answer from (a 7.6 KB JW301 is read from TOAST).
      const r = await db.query<{
        raw: Uint8Array | null;
        decision: Decision | null;
        decision_summary: BerichtSummary | null;
        status: string;
      }>(
        `SELECT CASE WHEN decision_summary IS NULL THEN raw END AS raw, decision, decision_summary, status
           FROM journal WHERE idem_key = $1${before(params)
             .map((e) => ` AND ${e}`)
             .join('')}`,
        params,
      );
      const row = r.rows[0];
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
      const params: unknown[] = [];
      const sql = probeSql(
        [{ items: [{ referentieAanbieder: ref }] }, { antwoord: { referentieAanbieder: ref } }],
        [
          { ...base, nummer: NUMMER.toewijzing, items: [{ referentieAanbieder: ref }] },
          { ...base, nummer: NUMMER.antwoordbericht, antwoord: { referentieAanbieder: ref, verzoekAntwoord: VERZOEK_AFGEWEZEN } },
        ],
        [],
        params,
      );
      params.push(iso(v.received_at), v.id);
      const after = `(received_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::text)`;
      const closer = await db.query<{ id: string }>(
        `${sql} AND ${after}${before(params)
          .map((e) => ` AND ${e}`)
          .join('')} LIMIT 1`,
        params,
      );
      return { bericht, open: closer.rows.length === 0 };
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
