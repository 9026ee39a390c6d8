import type { Db } from '../db.js';
import { matchKey, termijnColumns, type TermijnRow } from './types.js';

/** One answer of a batch, in arrival order (`ord`). */
export interface TermijnAntwoord {
  readonly ord: number;
  readonly id: string;
  readonly bericht: string;
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly sleutels: readonly string[];
  /** YYYY-MM-DD: the answer's day of receipt. */
  readonly op: string;
  /** A condition whose termijnen this answer cannot close ("in onderzoek" is no final answer). */
  readonly notVoorwaarde?: string;
}

/**
 * The answers of a batch close the unanswered termijnen they meet, in one statement: between the same
 * gemeente and aanbieder, waiting for the answer's message number, sharing a sleutel, opened on or
 * before the answer's day and (for openers of this batch, `openers` with their `ord`) before the
 * answer. A termijn two answers meet goes to the earlier one. In time (on or before `uiterlijk`) →
 * gesloten; a verlopen one keeps its status and records the late answer. Returns the closed termijnen
 * with the answer that closed each (`gesloten_door`).
 */
export async function closeTermijnen(
  db: Db,
  answers: readonly TermijnAntwoord[],
  openers: readonly { readonly id: string; readonly ord: number }[],
): Promise<TermijnRow[]> {
  const withKeys = answers.filter((a) => a.sleutels.length > 0);
  if (withKeys.length === 0) return [];
  const r = await db.query<TermijnRow>(
    // One equality on a match key (gemeente, aanbieder, awaited message, sleutel), both sides
    // materialised one row per key, makes this a hash join: linear in the batch and the unanswered
    // termijnen, with or without planner statistics (PGlite has none; a join on the pair first was quadratic).
    // `&&` finds only the unanswered termijnen sharing a key with the batch (GIN index, migration 0191).
    `WITH a AS MATERIALIZED (
       SELECT x.ord, x.id, x.bericht, x.k, x.op::date AS op, x.notv
         FROM jsonb_to_recordset($1::jsonb) AS x(ord int, id text, bericht text, k text, op text, notv text)),
     tk AS MATERIALIZED (SELECT t.seq, unnest(t.sleutels) AS k FROM termijn t
                          WHERE t.gesloten_door IS NULL AND t.sleutels && (SELECT array_agg(a.k) FROM a)),
     o AS MATERIALIZED (SELECT y.id, y.ord FROM jsonb_to_recordset($2::jsonb) AS y(id text, ord int)),
     m AS (
       SELECT DISTINCT ON (t.seq) t.seq, a.id, a.bericht, a.op
         FROM a JOIN tk ON tk.k = a.k JOIN termijn t ON t.seq = tk.seq
         LEFT JOIN o ON o.id = t.bericht_id
        WHERE t.geopend_op <= a.op AND t.bericht_id <> a.id AND (a.notv IS NULL OR t.voorwaarde <> a.notv) AND (o.ord IS NULL OR o.ord < a.ord)
        ORDER BY t.seq, a.ord)
     UPDATE termijn SET status = CASE WHEN termijn.status = 'open' AND termijn.uiterlijk >= m.op THEN 'gesloten' ELSE termijn.status END,
            gesloten_door = m.id, gesloten_bericht = m.bericht, gesloten_op = m.op
       FROM m WHERE termijn.seq = m.seq
     RETURNING ${termijnColumns('termijn')}`,
    [
      JSON.stringify(
        withKeys.flatMap((a) =>
          a.sleutels.map((k) => ({
            ord: a.ord,
            id: a.id,
            bericht: a.bericht,
            k: matchKey(a.gemeente, a.aanbieder, a.bericht, k),
            op: a.op,
            notv: a.notVoorwaarde ?? null,
          })),
        ),
      ),
      JSON.stringify(openers),
    ],
  );
  return r.rows;
}
