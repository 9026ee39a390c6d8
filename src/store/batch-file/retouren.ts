import type { Db } from '../db.js';

/** The retourberichten Sluis made for a batch's files (all, or the one at `idx`), in batch order. */
export async function batchRetouren(
  db: Db,
  batchId: string,
  idx?: number,
): Promise<{ readonly idx: number; readonly name: string; readonly retour_xml: string }[]> {
  const r = await db.query<{ idx: number; name: string; retour_xml: string }>(
    `SELECT f.idx, f.name, j.retour_xml
     FROM batch_file f JOIN journal j ON j.id = f.bericht_id
     WHERE f.batch_id = $1 AND ($2::integer IS NULL OR f.idx = $2) AND j.retour_xml IS NOT NULL
     ORDER BY f.idx`,
    [batchId, idx ?? null],
  );
  return r.rows;
}
