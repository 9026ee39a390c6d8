import type { Db } from '../db.js';
import { HorizonBron, type HorizonPair } from './types.js';

/** Sets the pair's horizon to `since` (the first bericht between them) unless one is set already. */
export async function ensureHorizon(db: Db, p: HorizonPair, since: string): Promise<void> {
  await db.query(
    `INSERT INTO conversation_horizon (standard, gemeente, aanbieder, since, bron) VALUES ($1, $2, $3, $4::date, $5)
      ON CONFLICT (standard, gemeente, aanbieder) DO NOTHING`,
    [p.standard, p.gemeente, p.aanbieder, since, HorizonBron.eersteBericht],
  );
}
