import type { Db } from '../db.js';
import { HorizonBron, type HorizonPair, type HorizonRow } from './types.js';

/**
 * Moves the pair's horizon back to `since` (an import's earliest Dagtekening); a horizon already as
 * early or earlier stays as it is, with its bron. Returns the horizon as it now stands.
 */
export async function moveHorizonBack(db: Db, p: HorizonPair, since: string): Promise<HorizonRow> {
  const r = await db.query<HorizonRow>(
    `INSERT INTO conversation_horizon AS h (standard, gemeente, aanbieder, since, bron) VALUES ($1, $2, $3, $4::date, $5)
      ON CONFLICT (standard, gemeente, aanbieder) DO UPDATE
        SET since = LEAST(h.since, EXCLUDED.since),
            bron = CASE WHEN EXCLUDED.since < h.since THEN EXCLUDED.bron ELSE h.bron END,
            updated_at = CASE WHEN EXCLUDED.since < h.since THEN now() ELSE h.updated_at END
      RETURNING standard, gemeente, aanbieder, to_char(since, 'YYYY-MM-DD') AS since, bron`,
    [p.standard, p.gemeente, p.aanbieder, since, HorizonBron.import],
  );
  return r.rows[0]!;
}
