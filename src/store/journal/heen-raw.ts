import type { Db } from '../db.js';

/**
 * The bytes of the heenbericht a retour answers: same Afzender and Identificatie, one of the two
 * spellings of its bericht (`heen` bare or as the retour's prefix + number), the earliest one.
 */
export async function findHeenRaw(
  db: Db,
  q: { readonly afzender: string; readonly identificatie: string; readonly berichten: readonly [string, string]; readonly notId: string },
): Promise<Uint8Array | undefined> {
  const { rows } = await db.query<{ raw: Uint8Array }>(
    `SELECT raw FROM journal WHERE afzender = $1 AND identificatie = $2 AND bericht IN ($3, $4) AND id <> $5
        ORDER BY received_at LIMIT 1`,
    [q.afzender, q.identificatie, q.berichten[0], q.berichten[1], q.notId],
  );
  return rows[0]?.raw;
}
