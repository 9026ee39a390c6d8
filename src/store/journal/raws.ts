import type { Db } from '../db.js';

/** The bytes of several berichten at once, by id (ids not in the journal are absent). */
export async function getRaws(db: Db, ids: readonly string[]): Promise<Map<string, Uint8Array>> {
  const r = await db.query<{ id: string; raw: Uint8Array }>('SELECT id, raw FROM journal WHERE id = ANY($1::text[])', [ids]);
  return new Map(r.rows.map((x) => [x.id, x.raw]));
}
