import type { Db } from '../db.js';

/** Closes a replay run as failed, with the counts reached. */
export async function failReplayRun(db: Db, id: string, counts: unknown): Promise<void> {
  await db.query(`UPDATE replay_runs SET finished_at = now(), counts = $2, status = 'failed' WHERE id = $1`, [id, JSON.stringify(counts)]);
}
