/** The state horizon of one gemeente–aanbieder pair in one domain (migration 0160). */
export interface HorizonPair {
  readonly standard: string;
  readonly gemeente: string;
  readonly aanbieder: string;
}

/** Where a horizon comes from. */
export const HorizonBron = {
  /** The date of the first bericht Sluis decided between the pair. */
  eersteBericht: 'eerste-bericht',
  /** Moved back by `sluis import` to the earliest imported Dagtekening. */
  import: 'import',
} as const;
export type HorizonBronCode = (typeof HorizonBron)[keyof typeof HorizonBron];

export interface HorizonRow extends HorizonPair {
  /** YYYY-MM-DD. */
  readonly since: string;
  readonly bron: HorizonBronCode;
}
