/** One version of the contract registry as stored (src/store/migrations/0260). */
export interface RegistryVersieRow {
  readonly versie: string;
  readonly vastgelegd_op: Date;
  readonly door: string;
  readonly sleutel: string | null;
  readonly reden: string;
  readonly bron: string;
  readonly sha256: string;
  readonly document: unknown;
}

/** One contract's change in one version (0261), with the version's who/when/why. */
export interface ContractWijzigingRow {
  readonly versie: string;
  readonly contract_id: string;
  readonly soort: string;
  readonly voor: unknown;
  readonly na: unknown;
  readonly vastgelegd_op: Date;
  readonly door: string;
  readonly sleutel: string | null;
  readonly reden: string;
  readonly bron: string;
}

export const VERSIE_COLUMNS = 'versie::text AS versie, vastgelegd_op, door, sleutel, reden, bron, sha256, document';
