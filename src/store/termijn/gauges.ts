import type { Db } from '../db.js';

export interface TermijnGaugeRow {
  party: string;
  bericht: string;
  regel: string;
  open: string;
  verlopen: string;
  /** Days since the oldest open termijn was opened (null when none is open). */
  oldest_open_days: number | null;
}

/** Per owing party, opener and rule: open and verlopen-unanswered counts, the oldest open one's age in days. */
export async function termijnGauges(db: Db, today: string): Promise<TermijnGaugeRow[]> {
  const r = await db.query<TermijnGaugeRow>(
    `SELECT schuldenaar AS party, bericht, regel,
            count(*) FILTER (WHERE status = 'open')::text AS open,
            count(*) FILTER (WHERE status = 'verlopen' AND gesloten_door IS NULL)::text AS verlopen,
            ($1::date - min(geopend_op) FILTER (WHERE status = 'open'))::int AS oldest_open_days
       FROM termijn WHERE status = 'open' OR (status = 'verlopen' AND gesloten_door IS NULL)
      GROUP BY schuldenaar, bericht, regel ORDER BY schuldenaar, bericht, regel`,
    [today],
  );
  return r.rows;
}
