import type { Db } from '../db.js';
import { iso, type Position, type SummaryIndex, type SummaryOnlyRow } from './state-probe.js';

/**
 * Every sent bericht whose decision summary contains one of `probes` (selective: only the reference,
 * e.g. `{items: [{referentieAanbieder}]}`) and one of `full` (the same plus standard, gemeente,
 * aanbieder, nummer), oldest first, before `before` when given: its position and summary (the
 * conversation rules' questions read no more). Asked through `sluis_summary_probe` (migration 0202),
 * whose plans PostgreSQL keeps per connection, with the same two steps as state-probe.ts probeSql.
 */
export async function allBySummary<S = unknown>(
  db: Db,
  probes: readonly object[],
  full: readonly object[],
  index: SummaryIndex,
  before?: Position,
): Promise<SummaryOnlyRow<S>[]> {
  const params = [index, JSON.stringify(probes), JSON.stringify(full), before ? iso(before.receivedAt) : null, before?.id ?? null];
  return (
    await db.query<SummaryOnlyRow<S>>(
      'SELECT id, received_at, decision_summary FROM sluis_summary_probe($1::text, $2::jsonb, $3::jsonb, $4::timestamptz, $5::text) ORDER BY received_at, id',
      params,
    )
  ).rows;
}
