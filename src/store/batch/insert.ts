import type { Db } from '../db.js';
import type { BatchFileWrite } from './types.js';

/** Stores a batch and its files' outcomes in one transaction (the files in one statement). */
export async function insertBatch(
  db: Db,
  b: {
    readonly id: string;
    readonly receivedAt: Date;
    readonly submittedBy: string;
    readonly source: string;
    readonly accepted: number;
    readonly rejected: number;
    readonly files: readonly BatchFileWrite[];
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      'INSERT INTO batch (id, received_at, submitted_by, source, files, accepted, rejected) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [b.id, b.receivedAt.toISOString(), b.submittedBy, b.source, b.files.length, b.accepted, b.rejected],
    );
    await tx.query(
      `INSERT INTO batch_file (batch_id, idx, name, outcome, bericht_id, bericht, problem, issues)
       SELECT $1, x.idx, x.name, x.outcome, x.bericht_id, x.bericht, x.problem, coalesce(x.issues, '[]'::jsonb)
       FROM jsonb_to_recordset($2::jsonb) AS x(idx integer, name text, outcome text, bericht_id text, bericht text, problem jsonb, issues jsonb)`,
      [
        b.id,
        JSON.stringify(
          b.files.map((f) => ({
            idx: f.idx,
            name: f.name,
            outcome: f.outcome,
            bericht_id: f.berichtId,
            bericht: f.bericht,
            problem: f.problem ?? null,
            issues: f.issues,
          })),
        ),
      ],
    );
  });
}
