import type { Db } from '../db.js';
import { VERSIE_COLUMNS, type RegistryVersieRow } from './types.js';

/** The registry version in force at `at`: the newest recorded at or before it (undefined: none yet then). */
export async function registryVersieAsOf(db: Db, at: Date): Promise<RegistryVersieRow | undefined> {
  const r = await db.query<RegistryVersieRow>(
    `SELECT ${VERSIE_COLUMNS} FROM contract_registry_versie WHERE vastgelegd_op <= $1 ORDER BY vastgelegd_op DESC, versie DESC LIMIT 1`,
    [at.toISOString()],
  );
  return r.rows[0];
}
