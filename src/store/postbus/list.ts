import type { Db } from '../db.js';

export interface PostbusItem {
  seq: string;
  bericht_id: string;
  kind: string;
  created_at: Date | string;
  standard: string;
  bericht: string;
  afzender: string;
  ontvanger: string;
  sender: string;
  identificatie: string;
  status: string;
}

/** Unconfirmed items for `party` after `afterSeq`, oldest first. */
export async function listPostbus(db: Db, party: string, afterSeq: bigint, limit: number): Promise<PostbusItem[]> {
  const r = await db.query<PostbusItem>(
    `SELECT p.seq::text AS seq, p.bericht_id, p.kind, p.created_at, j.standard, j.bericht, j.afzender, j.ontvanger, j.sender, j.identificatie, j.status
       FROM postbus p JOIN journal j ON j.id = p.bericht_id
      WHERE p.party = $1 AND p.confirmed_at IS NULL AND p.seq > $2::bigint
      ORDER BY p.seq LIMIT $3`,
    [party, afterSeq.toString(), limit],
  );
  return r.rows;
}
