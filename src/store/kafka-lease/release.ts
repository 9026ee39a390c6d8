import type { Db } from '../db.js';

/** Gives the lease up (clean shutdown), so another instance need not wait for the TTL. */
export async function releaseKafkaLease(db: Db, name: string, holder: string): Promise<void> {
  await db.query('DELETE FROM kafka_publisher_lease WHERE name = $1 AND holder = $2', [name, holder]);
}
