import type { Db } from '../db.js';
import type { HorizonPair, HorizonRow } from './types.js';

/** The pair's horizon, when one is set. */
export async function getHorizon(db: Db, p: HorizonPair): Promise<HorizonRow | undefined> {
  const r = await db.query<HorizonRow>(
    `SELECT standard, gemeente, aanbieder, to_char(since, 'YYYY-MM-DD') AS since, bron FROM conversation_horizon
      WHERE standard = $1 AND gemeente = $2 AND aanbieder = $3`,
    [p.standard, p.gemeente, p.aanbieder],
  );
  return r.rows[0];
}
