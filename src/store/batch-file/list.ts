import type { Db } from '../db.js';
import type { BatchFileRow } from '../batch/types.js';

/** A batch's files in batch order, each with its bericht's status now and whether it has Sluis's retourbericht. */
export async function listBatchFiles(db: Db, batchId: string): Promise<BatchFileRow[]> {
  const r = await db.query<BatchFileRow>(
    `SELECT f.idx, f.name, f.outcome, f.bericht_id, f.bericht, f.problem, f.issues, j.status,
            (j.retour_xml IS NOT NULL) AS has_retour
     FROM batch_file f LEFT JOIN journal j ON j.id = f.bericht_id
     WHERE f.batch_id = $1 ORDER BY f.idx`,
    [batchId],
  );
  return r.rows.map((row) => ({ ...row, has_retour: row.has_retour === true }));
}
