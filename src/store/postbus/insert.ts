import type { Db } from '../db.js';
import type { PostbusWrite } from '../journal/types.js';

/**
 * Puts berichten in postbussen after their journal row was written (a replay's re-delivery; ingest
 * writes its rows with the journal row, journal/insert.ts). A (party, bericht, kind) already there
 * stays: a bericht is never twice in one postbus. Answers the ids of the berichten newly put in.
 */
export async function insertPostbus(db: Db, rows: readonly (PostbusWrite & { readonly berichtId: string })[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const r = await db.query<{ bericht_id: string }>(
    `INSERT INTO postbus (party, bericht_id, kind) SELECT p, b, k FROM unnest($1::text[], $2::text[], $3::text[]) AS v(p, b, k)
       ON CONFLICT (party, bericht_id, kind) DO NOTHING RETURNING bericht_id`,
    [rows.map((x) => x.party), rows.map((x) => x.berichtId), rows.map((x) => x.kind)],
  );
  return new Set(r.rows.map((x) => x.bericht_id));
}
