/**
 * The decision core's state for a replayed bericht AS IT WAS when that bericht came in: the same three
 * questions as the live journal state (src/pipeline/journal-state.ts: stored heenbericht, open verzoek,
 * latest toewijzing, answered from `decision -> 'summary'`), restricted to journal rows received before
 * it. Today's journal would be wrong: a 301 that answered an open woonplaats-verzoek has closed that
 * verzoek itself, so re-deciding it against today's state would flip "route" to "suppress" although no
 * contract changed.
 */
import { MESSAGES } from '../standard/generated/model.js';
import { berichtId } from '../standard/model.js';
import type { AsyncDecisionState, StoredBericht, StoredToewijzing, StoredVerzoek, VerzoekKey } from '../decision/state.js';
import type { Decision } from '../decision/decision.js';
import type { BerichtSummary } from '../decision/summary.js';
import { summarize } from '../decision/summary.js';
import { parseBericht } from '../xml/parse.js';
import { BerichtStatus } from '../pipeline/status.js';
import type { Db } from '../store/db.js';

/** VerzoekAntwoord 1 (afgewezen) closes a verzoek like a 301 does (TR374). */
const VERZOEK_AFGEWEZEN = '1';
/** Rows that count as sent, as in the live state: decided, not refused, not afgekeurd. */
const COUNTS = `decision IS NOT NULL AND decision ->> 'action' <> 'refuse' AND status <> '${BerichtStatus.AFGEKEURD}'`;

type DecisionWithSummary = Decision & { readonly summary?: BerichtSummary };

function stored(decision: DecisionWithSummary): StoredBericht | undefined {
  if (!decision.summary) return undefined;
  const { summary, ...rest } = decision;
  return { summary, decision: rest };
}

export interface AsOf { readonly receivedAt: Date; readonly id: string }

export function journalStateAsOf(db: Db, asOf: AsOf): AsyncDecisionState {
  const at = asOf.receivedAt.toISOString();
  const before = (first: number): string => `(received_at, id) < ($${first}::timestamptz, $${first + 1}::text)`;
  const latest = async (contains: readonly object[]): Promise<{ id: string; received_at: Date | string; decision: DecisionWithSummary } | undefined> => {
    const where = contains.map((_, i) => `(decision -> 'summary') @> $${i + 1}::jsonb`).join(' OR ');
    const r = await db.query<{ id: string; received_at: Date | string; decision: DecisionWithSummary }>(
      `SELECT id, received_at, decision FROM journal WHERE (${where}) AND ${COUNTS} AND ${before(contains.length + 1)}
        ORDER BY received_at DESC, id DESC LIMIT 1`,
      [...contains.map((c) => JSON.stringify(c)), at, asOf.id]);
    return r.rows[0];
  };
  return {
    async heenbericht(key): Promise<StoredBericht | undefined> {
      const message = MESSAGES[berichtId(key.standard, key.ref.nummer)];
      const idemKey = `${key.ref.afzender}|${message.berichtCode}|${key.ref.identificatie}`;
      const r = await db.query<{ raw: Uint8Array; decision: DecisionWithSummary | null; status: string }>(
        `SELECT raw, decision, status FROM journal WHERE idem_key = $1 AND ${before(2)}`, [idemKey, at, asOf.id]);
      const row = r.rows[0];
      if (!row || row.status === BerichtStatus.AFGEKEURD) return undefined;
      const fromDecision = row.decision ? stored(row.decision) : undefined;
      if (fromDecision) return fromDecision;
      // Journaled without a summary (no registry then): summarise the raw bytes, as the live state does.
      const parsed = parseBericht(row.raw);
      if (!parsed.success) return undefined;
      try {
        return { summary: summarize(parsed.message, parsed.bericht), ...(row.decision ? { decision: row.decision } : {}) };
      } catch {
        return undefined;
      }
    },
    async verzoek(key: VerzoekKey): Promise<StoredVerzoek | undefined> {
      const base = { standard: key.standard, gemeente: key.gemeente, aanbieder: key.aanbieder };
      const ref = key.referentieAanbieder;
      const v = await latest([
        { ...base, nummer: '315', items: [{ referentieAanbieder: ref }] },
        { ...base, nummer: '317', verzoekReferentie: ref },
      ]);
      const bericht = v ? stored(v.decision) : undefined;
      if (!v || !bericht) return undefined;
      const closer = await db.query<{ id: string }>(
        `SELECT id FROM journal WHERE ((decision -> 'summary') @> $1::jsonb OR (decision -> 'summary') @> $2::jsonb)
           AND ${COUNTS} AND (received_at, id) > ($3::timestamptz, $4::text) AND ${before(5)} LIMIT 1`,
        [JSON.stringify({ ...base, nummer: '301', items: [{ referentieAanbieder: ref }] }),
          JSON.stringify({ ...base, nummer: '319', antwoord: { referentieAanbieder: ref, verzoekAntwoord: VERZOEK_AFGEWEZEN } }),
          v.received_at instanceof Date ? v.received_at.toISOString() : v.received_at, v.id, at, asOf.id]);
      return { bericht, open: closer.rows.length === 0 };
    },
    async toewijzing(key): Promise<StoredToewijzing | undefined> {
      const t = await latest([{ standard: key.standard, gemeente: key.gemeente, aanbieder: key.aanbieder, nummer: '301', items: [{ toewijzingNummer: key.toewijzingNummer }] }]);
      const item = t?.decision.summary?.items.find((it) => it.toewijzingNummer === key.toewijzingNummer);
      if (!item?.datum) return undefined;
      return { ingangsdatum: item.datum, ...(item.categorie !== undefined ? { categorie: item.categorie } : {}), ...(item.code !== undefined ? { code: item.code } : {}) };
    },
  };
}
