import type { Db } from '../db.js';
import type { BackoffPolicy } from './types.js';

/**
 * Releases failed rows with their error. The next run is computed in SQL so every instance uses the
 * database clock: wait = min(cap, base·2^(attempts−1)) · U(0.5, 1) ("equal jitter": spreads the
 * retries of a receiver that was down for everyone, yet never retries sooner than half the step).
 */
export async function failOutbox(
  db: Db,
  worker: string,
  failures: readonly { id: string; error: string }[],
  p: BackoffPolicy,
): Promise<void> {
  if (!failures.length) return;
  await db.query(
    `UPDATE outbox o SET locked_at = NULL, locked_by = NULL, last_error = f.err,
            run_at = now() + make_interval(secs => least($3::float8, $4::float8 * power(2, o.attempts - 1)) * (0.5 + random() * 0.5)),
            failed_at = CASE WHEN o.attempts >= $5::int THEN now() END
       FROM unnest($1::bigint[], $2::text[]) AS f(id, err)
      WHERE o.id = f.id AND o.locked_by = $6`,
    [failures.map((f) => f.id), failures.map((f) => f.error.slice(0, 2000)), p.capSeconds, p.baseSeconds, p.maxAttempts, worker],
  );
}
