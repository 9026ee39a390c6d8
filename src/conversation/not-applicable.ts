/**
 * Technische regels of niveau "berichtoverstijgend" / "externe bron" that a gateway cannot check, each
 * with the reason (docs/rules-coverage.md lists them as n/a). A rule lands here only when no reading
 * of it can be checked from the berichten Sluis sees plus its external sources; "Sluis may not have
 * seen the earlier bericht" is not such a reason (that is the horizon's job, OP095).
 */
export interface NotApplicable {
  /** The technische regel, e.g. `TR318`. */
  readonly id: string;
  /** Why no gateway can check it, in one sentence. */
  readonly reden: string;
}

export const NOT_APPLICABLE: readonly NotApplicable[] = [];
