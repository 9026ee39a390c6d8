import type { Db } from '../db.js';
import { getStufReferentie } from './get.js';
import type { StufReferentie } from './types.js';

/**
 * Records envelopes' referentienummers in ONE statement (envelopes answered together share a commit);
 * per row the row that holds its number afterwards: this one, the one a concurrent request recorded
 * first, or an earlier row of the same call with that number (the primary key decides, ON CONFLICT DO
 * NOTHING).
 */
export async function insertStufReferenties(db: Db, rows: readonly StufReferentie[]): Promise<StufReferentie[]> {
  if (rows.length === 0) return [];
  const r = await db.query<StufReferentie>(
    `WITH v AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS v(referentienummer, zender, bericht_id, sha256, n)),
     ins AS (
       INSERT INTO stuf_ggk_referentie (referentienummer, zender, bericht_id, sha256)
       SELECT referentienummer, zender, bericht_id, sha256 FROM v ORDER BY n
       ON CONFLICT (referentienummer) DO NOTHING
       RETURNING referentienummer, zender, bericht_id, sha256)
     SELECT * FROM ins
     UNION ALL
     SELECT s.referentienummer, s.zender, s.bericht_id, s.sha256 FROM stuf_ggk_referentie s
      WHERE s.referentienummer IN (SELECT referentienummer FROM v) AND s.referentienummer NOT IN (SELECT referentienummer FROM ins)`,
    [rows.map((x) => x.referentienummer), rows.map((x) => x.zender), rows.map((x) => x.bericht_id), rows.map((x) => x.sha256)],
  );
  const holder = new Map(r.rows.map((x) => [x.referentienummer, x]));
  // A number a concurrent request recorded while this statement ran: ON CONFLICT waited for it, but
  // this statement's snapshot predates it; a second statement sees it.
  for (const x of rows)
    if (!holder.has(x.referentienummer)) {
      const held = await getStufReferentie(db, x.referentienummer);
      if (held) holder.set(held.referentienummer, held);
    }
  return rows.map((x) => {
    const h = holder.get(x.referentienummer);
    if (!h) throw new Error(`stuf_ggk_referentie: no row holds ${x.referentienummer} after recording it`);
    return h;
  });
}
