import type { Db } from '../db.js';

export interface NewRegistryVersie {
  /** Must be the newest version + 1; when another writer took that number first, nothing is written. */
  readonly versie: bigint;
  readonly vastgelegdOp: Date;
  readonly door: string;
  readonly sleutel?: string;
  readonly reden: string;
  readonly bron: string;
  readonly sha256: string;
  readonly document: unknown;
  readonly wijzigingen: readonly { contractId: string; soort: string; voor?: unknown; na: unknown }[];
}

/**
 * Writes one version and its contract changes in one transaction. False when the version number was
 * taken meanwhile (another instance changed the registry): the caller re-reads and reports a conflict.
 */
export async function insertRegistryVersie(db: Db, v: NewRegistryVersie): Promise<boolean> {
  return db.transaction(async (tx) => {
    const r = await tx.query(
      `INSERT INTO contract_registry_versie (versie, vastgelegd_op, door, sleutel, reden, bron, sha256, document)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (versie) DO NOTHING RETURNING versie`,
      [v.versie.toString(), v.vastgelegdOp.toISOString(), v.door, v.sleutel ?? null, v.reden, v.bron, v.sha256, JSON.stringify(v.document)],
    );
    if (r.rows.length === 0) return false;
    if (v.wijzigingen.length > 0)
      await tx.query(
        `INSERT INTO contract_wijziging (contract_id, versie, soort, voor, na)
         SELECT w.contract_id, $1, w.soort, w.voor, w.na
           FROM jsonb_to_recordset($2::jsonb) AS w (contract_id text, soort text, voor jsonb, na jsonb)`,
        [
          v.versie.toString(),
          JSON.stringify(v.wijzigingen.map((w) => ({ contract_id: w.contractId, soort: w.soort, voor: w.voor ?? null, na: w.na }))),
        ],
      );
    return true;
  });
}
