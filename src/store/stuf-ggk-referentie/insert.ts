import type { Db } from '../db.js';
import type { StufReferentie } from './types.js';

/**
 * Records an envelope's referentienummer; the row that holds it afterwards: this one, or the one a
 * concurrent request recorded first (the primary key decides, ON CONFLICT DO NOTHING).
 */
export async function insertStufReferentie(db: Db, row: StufReferentie): Promise<StufReferentie> {
  const r = await db.query<StufReferentie>(
    `WITH ins AS (
       INSERT INTO stuf_ggk_referentie (referentienummer, zender, bericht_id, sha256) VALUES ($1, $2, $3, $4)
       ON CONFLICT (referentienummer) DO NOTHING
       RETURNING referentienummer, zender, bericht_id, sha256)
     SELECT * FROM ins
     UNION ALL
     SELECT referentienummer, zender, bericht_id, sha256 FROM stuf_ggk_referentie WHERE referentienummer = $1 AND NOT EXISTS (SELECT 1 FROM ins)`,
    [row.referentienummer, row.zender, row.bericht_id, row.sha256],
  );
  return r.rows[0]!;
}
