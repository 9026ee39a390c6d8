import type { Db } from '../db.js';
import type { Position } from '../journal/state-probe.js';
import { beforeAs, countsAs } from './counts.js';

export interface ToegewezenRow<I = unknown> {
  client: string;
  item: I;
}

/**
 * The latest 301 line per ToewijzingNummer and client, for all the given numbers between one pair, in
 * ONE statement (conv_toegewezen_nummer, migration 0150): a 323 asks about thousands at once.
 */
export async function toegewezenLines<I = unknown>(
  db: Db,
  k: { readonly standard: string; readonly gemeente: string; readonly aanbieder: string; readonly toewijzingNummers: readonly string[] },
  before?: Position,
): Promise<ToegewezenRow<I>[]> {
  if (k.toewijzingNummers.length === 0) return [];
  const params: unknown[] = [k.standard, k.gemeente, k.aanbieder, k.toewijzingNummers];
  const r = await db.query<ToegewezenRow<I>>(
    `SELECT DISTINCT ON (t.toewijzing_nummer, t.client) t.client, t.item
       FROM conv_toegewezen t JOIN journal j ON j.id = t.journal_id
      WHERE t.standard = $1 AND t.gemeente = $2 AND t.aanbieder = $3 AND t.toewijzing_nummer = ANY($4::text[])
        AND ${countsAs('j')} AND ${beforeAs('j', before, params)}
      ORDER BY t.toewijzing_nummer, t.client, j.received_at DESC, j.id DESC`,
    params,
  );
  return r.rows;
}
