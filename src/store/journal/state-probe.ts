/**
 * The decision state's containment queries on journal.decision_summary (src/pipeline/journal-state.ts
 * asks them through state-latest.ts and state-closer.ts; not a verb: no statement of its own).
 */
import { NUMMER } from '../../standard/catalog.js';
import { BerichtStatus } from '../../status.js';

/** A journal position: (received_at, id), the order berichten were taken in. */
export interface Position {
  readonly receivedAt: Date | string;
  readonly id: string;
}

/** A row the probes answer with. */
export interface SummaryRow<D = unknown, S = unknown> {
  id: string;
  received_at: Date | string;
  decision: D;
  decision_summary: S;
}

/** A row of a probe that asks only for the summary (state-all.ts: the conversation rules read no more). */
export type SummaryOnlyRow<S = unknown> = Omit<SummaryRow<never, S>, 'decision'>;

/** Rows that count as sent: not afgekeurd (decision null) and not refused. */
export const COUNTS = `decision IS NOT NULL AND decision ->> 'action' <> 'refuse' AND status <> '${BerichtStatus.AFGEKEURD}'`;

const inNummers = (ns: readonly string[]): string => `(decision_summary ->> 'nummer') IN (${ns.map((n) => `'${n}'`).join(', ')})`;

/**
 * The partial GIN indexes on decision_summary and their predicates; every probe repeats its
 * index's predicate so the planner can use it. `state` (migration 0131): toewijzingen, verzoeken and
 * their answers. `regie` (migration 0135): starts and stops, for the conversation rules.
 */
export const SUMMARY_INDEX = {
  state: inNummers([NUMMER.toewijzing, NUMMER.verzoekOmToewijzing, NUMMER.verzoekOmWijziging, NUMMER.antwoordbericht]),
  regie: inNummers([NUMMER.start, NUMMER.stop]),
} as const;
export type SummaryIndex = keyof typeof SUMMARY_INDEX;

/** A position's time as PostgreSQL takes a timestamptz parameter. */
export const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : d);

/** Rows strictly before `bound` (as the journal stood just before that bericht came in), its parameters appended to `params`. */
export function beforeSql(bound: Position | undefined, params: unknown[]): string[] {
  if (!bound) return [];
  params.push(iso(bound.receivedAt), bound.id);
  return [`(received_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::text)`];
}

/** Rows strictly after `p`, its parameters appended to `params`. */
export function afterSql(p: Position, params: unknown[]): string {
  params.push(iso(p.receivedAt), p.id);
  return `(received_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::text)`;
}

/**
 * Rows whose summary contains one of `probes` (selective: only the reference, e.g.
 * `{items: [{referentieAanbieder}]}`), then filtered on one of `full` (the same plus standard,
 * gemeente, aanbieder, nummer) and on `extra`. Two steps because of how PostgreSQL plans it, measured
 * on 100,000 journal rows: with ORDER BY … LIMIT 1 over the plain WHERE, the planner walked
 * journal_received_at backwards filtering every row (63 ms for a miss, growing with the journal); and
 * a containment probe that includes `standard`/`gemeente` makes the GIN index intersect posting lists
 * as long as the journal (4.5 ms). The MATERIALIZED CTE forces the bitmap scan on the selective probe.
 * The decision core's questions (toewijzingen, verzoeken, answers) are on the `state` index; the
 * conversation rules ask theirs through sluis_summary_probe (state-all.ts), on either index.
 */
export function probeSql(probes: readonly object[], full: readonly object[], extra: readonly string[], params: unknown[]): string {
  const ph = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const p = probes.map((c) => `decision_summary @> ${ph(JSON.stringify(c))}::jsonb`).join(' OR ');
  const f = full.map((c) => `decision_summary @> ${ph(JSON.stringify(c))}::jsonb`).join(' OR ');
  return `WITH m AS MATERIALIZED (SELECT id, received_at, decision, decision_summary, status FROM journal WHERE (${p}) AND ${SUMMARY_INDEX.state})
    SELECT id, received_at, decision, decision_summary FROM m WHERE (${f}) AND ${COUNTS}${extra.map((e) => ` AND ${e}`).join('')}`;
}
