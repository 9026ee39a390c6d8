import type { Db } from '../db.js';

/** The newest version's number (0 when none): one index probe, asked before reads and by the poll. */
export async function newestRegistryVersieNummer(db: Db): Promise<bigint> {
  const r = await db.query<{ v: string | null }>('SELECT max(versie)::text AS v FROM contract_registry_versie');
  return BigInt(r.rows[0]?.v ?? '0');
}
