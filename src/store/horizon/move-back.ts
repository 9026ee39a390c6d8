import type { Db } from '../db.js';
import { HorizonBron, type HorizonPair, type HorizonRow } from './types.js';

/**
 * Moves the pair's horizon back to `since` (an import's earliest Dagtekening); a horizon already
 * earlier stays. Returns the horizon as it now stands.
 */
export async function moveHorizonBack(db: Db, p: HorizonPair, since: string): Promise<HorizonRow> {
  const r = await db.query<HorizonRow>(
    `INSERT INTO conversation_horizon AS h (standard, gemeente, aanbieder, since, bron) VALUES ($1, $2, $3, $4::date, $5)
      ON CONFLICT (standard, gemeente, aanbieder) DO UPDATE
        SET since = EXCLUDED.since, bron = EXCLUDED.bron, updated_at = now() WHERE EXCLUDED.since < h.since
      RETURNING standard, gemeente, aanbieder, to_char(since, 'YYYY-MM-DD') AS since, bron`,
    [p.standard, p.gemeente, p.aanbieder, since, HorizonBron.import],
  );
  // No row back: the horizon was already earlier (the WHERE kept it); read it as it stands.
  if (r.rows[0]) return r.rows[0];
  const cur = await db.query<HorizonRow>(
    `SELECT standard, gemeente, aanbieder, to_char(since, 'YYYY-MM-DD') AS since, bron FROM conversation_horizon
      WHERE standard = $1 AND gemeente = $2 AND aanbieder = $3`,
    [p.standard, p.gemeente, p.aanbieder],
  );
  return cur.rows[0]!;
}
