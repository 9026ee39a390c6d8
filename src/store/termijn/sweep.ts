import type { Db } from '../db.js';
import { TERMIJN_COLUMNS, type TermijnRow } from './types.js';

/** Open termijnen whose last day is before `today` become verlopen (the Kafka trigger 0187 sees the change). */
export async function sweepTermijnen(db: Db, today: string): Promise<TermijnRow[]> {
  const r = await db.query<TermijnRow>(
    `UPDATE termijn SET status = 'verlopen', verlopen_op = $1::date
      WHERE status = 'open' AND uiterlijk < $1::date
      RETURNING ${TERMIJN_COLUMNS}`,
    [today],
  );
  return r.rows;
}
