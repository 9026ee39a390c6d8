import type { Db } from '../db.js';
import type { StufReferentie } from './types.js';

/** The envelope that used this referentienummer (lower case), if any. */
export async function getStufReferentie(db: Db, referentienummer: string): Promise<StufReferentie | undefined> {
  const r = await db.query<StufReferentie>(
    'SELECT referentienummer, zender, bericht_id, sha256 FROM stuf_ggk_referentie WHERE referentienummer = $1',
    [referentienummer],
  );
  return r.rows[0];
}
