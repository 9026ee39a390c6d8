import type { Db } from '../db.js';
import { VERSIE_COLUMNS, type RegistryVersieRow } from './types.js';

/** The newest registry version, or undefined when the store holds none yet. */
export async function latestRegistryVersie(db: Db): Promise<RegistryVersieRow | undefined> {
  const r = await db.query<RegistryVersieRow>(`SELECT ${VERSIE_COLUMNS} FROM contract_registry_versie ORDER BY versie DESC LIMIT 1`);
  return r.rows[0];
}
