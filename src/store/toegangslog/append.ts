import type { Db } from '../db.js';
import type { ToegangslogEntry } from './types.js';

/**
 * Appends entries in one statement (one batch of reads, or a listed page). Without waiting for the WAL
 * flush (synchronous_commit off, this transaction only): a read then costs no fsync; the entry is
 * durable within the WAL writer's delay (200 ms by default), and only a crash of the database server
 * itself in that window loses it (decision 0033).
 */
export async function appendToegangslog(db: Db, entries: readonly ToegangslogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL synchronous_commit = off');
    await insert(tx, entries);
  });
}

async function insert(db: Db, entries: readonly ToegangslogEntry[]): Promise<void> {
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
