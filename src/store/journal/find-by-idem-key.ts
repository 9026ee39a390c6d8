import type { Db } from '../db.js';
import { STORED_COLUMNS } from './columns.js';
import type { StoredBericht } from './types.js';

/** The bericht holding this idempotency key (`sender|BerichtCode|Identificatie`, TR056). */
export async function findByIdemKey(db: Db, idemKey: string): Promise<StoredBericht | undefined> {
  const r = await db.query<StoredBericht>(`SELECT ${STORED_COLUMNS} FROM journal WHERE idem_key = $1`, [idemKey]);
  return r.rows[0];
}
