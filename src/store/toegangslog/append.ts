import type { Db } from '../db.js';
import type { ToegangslogEntry } from './types.js';

/** Appends entries in one statement (one round trip for a batch of reads, or a listed page). */
export async function appendToegangslog(db: Db, entries: readonly ToegangslogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO toegangslog (gelezen_op, actor_soort, actor, sleutel, route, lezing, bericht_id)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      entries.map((e) => e.gelezenOp.toISOString()),
      entries.map((e) => e.actorSoort),
      entries.map((e) => e.actor),
      entries.map((e) => e.sleutel ?? null),
      entries.map((e) => e.route),
      entries.map((e) => e.lezing),
      entries.map((e) => e.berichtId),
    ],
  );
}
