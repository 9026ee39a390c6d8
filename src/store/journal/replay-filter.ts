/**
 * What a replay selects and reads from the journal, shared by replay-count.ts, replay-page.ts and
 * replay-rows.ts (not a verb: no statement of its own).
 */
import type { StoredBericht } from './types.js';

/** A replay's filters (src/replay/selection.ts ReplaySelection without its range). */
export interface ReplayFilter {
  readonly standard?: string | undefined;
  /** Message number '301' … '325'. */
  readonly bericht?: string | undefined;
  readonly gemeente?: string | undefined;
  readonly aanbieder?: string | undefined;
  /** The journaled decision's action. */
  readonly decision?: string | undefined;
}

/**
 * The journal columns a replay reads: of the decision only its action and addressee, which tell
 * whether today's differs (the whole decision is read only for the changes a report keeps:
 * decisions.ts).
 */
export type ReplayRow = Pick<
  StoredBericht,
  'id' | 'received_at' | 'standard' | 'bericht' | 'bericht_code' | 'afzender' | 'ontvanger' | 'sender' | 'status'
> & {
  was_action: string | null;
  was_addressee: string | null;
  decision_summary: Record<string, unknown> | null;
  decision_rev: number;
  raw?: Uint8Array;
  cached_summary?: Record<string, unknown> | null;
};

/** The decision columns of ReplayRow, for a journal aliased `j`. */
export const DECISION_COLUMNS = `j.decision ->> 'action' AS was_action, j.decision ->> 'addressee' AS was_addressee, j.decision_summary, j.decision_rev`;

export function filterSql(sel: ReplayFilter, params: unknown[]): string {
  // Imported history (`sluis import`) is never delivered, so a replay must not re-deliver it either.
  const where: string[] = ['duplicate_of IS NULL', 'imported_at IS NULL'];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (sel.standard) where.push(`standard = ${p(sel.standard)}`);
  if (sel.bericht) where.push(`right(bericht, 3) = ${p(sel.bericht)}`);
  if (sel.gemeente) {
    const x = p(sel.gemeente);
    where.push(`(afzender = ${x} OR ontvanger = ${x})`);
  }
  if (sel.aanbieder) {
    const x = p(sel.aanbieder);
    where.push(`(afzender = ${x} OR ontvanger = ${x})`);
  }
  if (sel.decision) where.push(`decision->>'action' = ${p(sel.decision)}`);
  return where.join(' AND ');
}
