import type { Db } from '../db.js';

/** Caches summaries (bericht id, summary as JSON text); one already there stays. */
export async function insertReplaySummaries(db: Db, rows: readonly (readonly [string, string])[]): Promise<void> {
  await db.query(
    `INSERT INTO replay_summaries (bericht_id, summary)
           SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (bericht_id) DO NOTHING`,
    [rows.map((f) => f[0]), rows.map((f) => f[1])],
  );
}
