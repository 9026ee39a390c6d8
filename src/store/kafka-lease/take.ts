import type { Db } from '../db.js';

/**
 * Takes or renews the named lease for `holder`, for `ttlMs` from now: granted when `holder` holds it
 * or it expired. The epoch grows with every change of holder (a fencing token); undefined: not granted.
 */
export async function takeKafkaLease(db: Db, name: string, holder: string, ttlMs: number): Promise<number | undefined> {
  const r = await db.query<{ epoch: string }>(
    `INSERT INTO kafka_publisher_lease AS l (name, holder, epoch, expires_at)
       VALUES ($1, $2, 1, now() + make_interval(secs => $3::double precision / 1000))
       ON CONFLICT (name) DO UPDATE SET
         epoch = CASE WHEN l.holder = EXCLUDED.holder THEN l.epoch ELSE l.epoch + 1 END,
         holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE l.holder = EXCLUDED.holder OR l.expires_at < now()
       RETURNING epoch`,
    [name, holder, ttlMs],
  );
  return r.rows[0] ? Number(r.rows[0].epoch) : undefined;
}
