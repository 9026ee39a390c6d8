import type { Db } from '../db.js';
import { STORED_COLUMNS } from './columns.js';
import type { StoredBericht } from './types.js';

/**
 * The berichten about one client (a keyed hash in the journal summary's `clientKeys`, never a BSN),
 * newest first; `party` scopes it to what that party sent or was routed. No index of its own: the
 * console asks it for one bericht at a time (operator use), and a GIN index on every journal row
 * would cost each write for a question asked rarely.
 */
export async function berichtenByClient(
  db: Db,
  o: { readonly clientKey: string; readonly party?: string; readonly limit: number },
): Promise<StoredBericht[]> {
  const params: unknown[] = [o.clientKey];
  let scope = '';
  if (o.party !== undefined) {
    params.push(o.party);
    scope = ` AND (sender = $2 OR addressee = $2 OR submitted_by = $2)`;
  }
  params.push(o.limit);
  const sql = `SELECT ${STORED_COLUMNS} FROM journal WHERE summary -> 'clientKeys' ? $1${scope} ORDER BY id DESC LIMIT $${params.length}::int`;
  return (await db.query<StoredBericht>(sql, params)).rows;
}
