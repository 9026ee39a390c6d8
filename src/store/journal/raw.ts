import type { Db } from '../db.js';

/** The bericht's bytes as received. */
export async function getRaw(db: Db, id: string): Promise<Uint8Array | undefined> {
  const r = await db.query<{ raw: Uint8Array }>('SELECT raw FROM journal WHERE id = $1', [id]);
  return r.rows[0]?.raw;
}
