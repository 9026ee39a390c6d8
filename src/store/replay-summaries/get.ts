import type { Db } from '../db.js';

/** Summaries an earlier replay cached for these berichten (absent ids: none cached). */
export async function getReplaySummaries<S = unknown>(db: Db, ids: readonly string[]): Promise<Map<string, S>> {
  const { rows } = await db.query<{ bericht_id: string; summary: S }>(
    'SELECT bericht_id, summary FROM replay_summaries WHERE bericht_id = ANY($1::text[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.bericht_id, r.summary]));
}
