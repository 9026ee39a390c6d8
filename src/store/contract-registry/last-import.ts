import type { Db } from '../db.js';

/** The sha256 of the document the registry file last imported held (undefined: never imported). */
export async function lastImportSha(db: Db): Promise<string | undefined> {
  const r = await db.query<{ sha256: string }>(
    `SELECT sha256 FROM contract_registry_versie WHERE bron = 'import' ORDER BY versie DESC LIMIT 1`,
  );
  return r.rows[0]?.sha256;
}
