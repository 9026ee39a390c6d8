import type { Db } from '../db.js';

/** Journals the start of a replay run (finish.ts or fail.ts closes it). */
export async function startReplayRun(
  db: Db,
  r: {
    readonly id: string;
    readonly startedAt: Date;
    readonly operator: string;
    readonly source: string;
    readonly dryRun: boolean;
    readonly selection: unknown;
  },
): Promise<void> {
  await db.query(`INSERT INTO replay_runs (id, started_at, operator, source, dry_run, selection) VALUES ($1, $2, $3, $4, $5, $6)`, [
    r.id,
    r.startedAt.toISOString(),
    r.operator,
    r.source,
    r.dryRun,
    JSON.stringify(r.selection),
  ]);
}
