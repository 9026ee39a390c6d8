import type { Db } from '../db.js';
import type { BatchRow } from './types.js';

export async function getBatch(db: Db, id: string): Promise<BatchRow | undefined> {
  const r = await db.query<BatchRow>('SELECT id, received_at, submitted_by, source, files, accepted, rejected FROM batch WHERE id = $1', [
    id,
  ]);
  return r.rows[0];
}
