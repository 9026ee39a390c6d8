import type { Db } from '../db.js';

/**
 * The heenbericht a retourbericht answers (same Afzender and Identificatie, one of the two spellings
 * of its bericht, the earliest; as src/store/journal/heen-raw.ts finds it): its journal id and the
 * referentienummer of the envelope that carried it (null when it came in another way).
 */
export async function stufReferentieOfHeenbericht(
  db: Db,
  q: { readonly afzender: string; readonly identificatie: string; readonly berichten: readonly [string, string]; readonly notId: string },
): Promise<{ readonly bericht_id: string; readonly referentienummer: string | null } | undefined> {
  const { rows } = await db.query<{ bericht_id: string; referentienummer: string | null }>(
    `SELECT j.id AS bericht_id,
            (SELECT r.referentienummer FROM stuf_ggk_referentie r WHERE r.bericht_id = j.id ORDER BY r.received_at LIMIT 1) AS referentienummer
       FROM journal j
      WHERE j.afzender = $1 AND j.identificatie = $2 AND j.bericht IN ($3, $4) AND j.id <> $5
      ORDER BY j.received_at LIMIT 1`,
    [q.afzender, q.identificatie, q.berichten[0], q.berichten[1], q.notId],
  );
  return rows[0];
}
