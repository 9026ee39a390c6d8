import type { Db } from '../db.js';
import { STORED_COLUMNS } from './columns.js';
import type { StoredBericht } from './types.js';

export async function getBericht(db: Db, id: string): Promise<StoredBericht | undefined> {
  const r = await db.query<StoredBericht>(`SELECT ${STORED_COLUMNS} FROM journal WHERE id = $1`, [id]);
  return r.rows[0];
}
