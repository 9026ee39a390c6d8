import type { Db } from '../db.js';
import type { ContractWijzigingRow } from './types.js';

/** One contract's changes, newest first, each with its version's who, when, why and route. */
export async function contractHistory(db: Db, contractId: string): Promise<ContractWijzigingRow[]> {
  const r = await db.query<ContractWijzigingRow>(
    `SELECT w.versie::text AS versie, w.contract_id, w.soort, w.voor, w.na, v.vastgelegd_op, v.door, v.sleutel, v.reden, v.bron
       FROM contract_wijziging w JOIN contract_registry_versie v ON v.versie = w.versie
      WHERE w.contract_id = $1 ORDER BY w.versie DESC`,
    [contractId],
  );
  return r.rows;
}
