import type { Db } from '../db.js';
import { DECISION_COLUMNS, type ReplayRow } from './replay-filter.js';

/** The replay columns of these berichten (a Kafka-sourced replay looks its messages up by sluis id). */
export async function readReplayRows(db: Db, ids: readonly string[]): Promise<ReplayRow[]> {
  const { rows } = await db.query<ReplayRow>(
    `SELECT j.id, j.received_at, j.standard, j.bericht, j.bericht_code, j.afzender, j.ontvanger, j.sender, j.status,
                  ${DECISION_COLUMNS}, s.summary AS cached_summary
             FROM journal j LEFT JOIN replay_summaries s ON s.bericht_id = j.id WHERE j.id = ANY($1::text[])`,
    [ids],
  );
  return rows;
}
