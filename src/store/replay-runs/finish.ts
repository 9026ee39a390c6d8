import type { Db } from '../db.js';

/** Closes a replay run as done, with its counts and the changes it kept. */
export async function finishReplayRun(db: Db, id: string, finishedAt: Date, counts: unknown, changes: unknown): Promise<void> {
  await db.query(`UPDATE replay_runs SET finished_at = $2, counts = $3, changes = $4, status = 'done' WHERE id = $1`, [
    id,
    finishedAt.toISOString(),
    JSON.stringify(counts),
    JSON.stringify(changes),
  ]);
}
