import type { Db } from '../db.js';

/** The referentienummer of the (first) envelope that carried this bericht, if it came in over StUF-GGk. */
export async function stufReferentieOfBericht(db: Db, berichtId: string): Promise<string | undefined> {
  const r = await db.query<{ referentienummer: string }>(
    'SELECT referentienummer FROM stuf_ggk_referentie WHERE bericht_id = $1 ORDER BY received_at LIMIT 1',
    [berichtId],
  );
  return r.rows[0]?.referentienummer;
}
