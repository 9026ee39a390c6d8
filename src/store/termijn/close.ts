import type { Db } from '../db.js';
import { TERMIJN_COLUMNS, type TermijnRow } from './types.js';

/**
 * An answer closes the unanswered termijnen it meets: between its gemeente and aanbieder, waiting for
 * its message number, sharing a sleutel, opened on or before the answer's day. In time (on or before
 * `uiterlijk`) → gesloten; a verlopen one keeps its status and records the late answer.
 * `notVoorwaarde`: a condition whose termijnen this answer cannot close ("in onderzoek" is no final answer).
 */
export async function closeTermijnen(
  db: Db,
  q: {
    readonly antwoordId: string;
    readonly bericht: string;
    readonly gemeente: string;
    readonly aanbieder: string;
    readonly sleutels: readonly string[];
    /** YYYY-MM-DD: the answer's date of receipt. */
    readonly op: string;
    readonly notVoorwaarde?: string;
  },
): Promise<TermijnRow[]> {
  if (q.sleutels.length === 0) return [];
  const r = await db.query<TermijnRow>(
    `UPDATE termijn
        SET status = CASE WHEN status = 'open' AND uiterlijk >= $6::date THEN 'gesloten' ELSE status END,
            gesloten_door = $1, gesloten_bericht = $2, gesloten_op = $6::date
      WHERE gesloten_door IS NULL AND gemeente = $3 AND aanbieder = $4 AND $2 = ANY (wacht_op) AND sleutels && $5::text[]
        AND geopend_op <= $6::date AND bericht_id <> $1 AND ($7::text IS NULL OR voorwaarde <> $7)
      RETURNING ${TERMIJN_COLUMNS}`,
    [q.antwoordId, q.bericht, q.gemeente, q.aanbieder, q.sleutels, q.op, q.notVoorwaarde ?? null],
  );
  return r.rows;
}
