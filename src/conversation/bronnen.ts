/**
 * The external sources some conversation rules read (rule table niveau "externe bron", and TR418 which
 * needs the contract): handed in as plain functions so this room stays pure. Absent source = the rule
 * is not assessed for the bericht, and the decision says so (`conversatie.nietBeoordeeld`).
 */
import type { Standard } from '../standard/model.js';

/** The CBS gemeente list with herindelingen (src/woonplaats: the list in ../shared, see docs/validation.md). */
export interface CbsBron {
  /** Whether `code` is a gemeente on `datum` (a current code from its start; an old one before its herindeling). */
  geldigOp(code: string, datum: string): boolean;
}

/** What Sluis knows from the contract registry about one product line between one gemeente and aanbieder. */
export interface ContractVraag {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly aanbieder: string;
  /** The date that selects the contract (the item's selecting date, PRODUCT §3). */
  readonly datum: string;
  readonly categorie: string;
}

/** One agreed tarief: eurocent per eenheid (Eenheid codelist WJ756). */
export interface AfgesprokenTarief {
  readonly eenheid: string;
  readonly tarief: number;
}

export interface ContractBron {
  /**
   * The product codes the contracts in force agree for the categorie (the "gehanteerde productcodelijst",
   * IV075); undefined when no contract between the parties covers the categorie or none lists codes.
   */
  productcodes(q: ContractVraag): readonly string[] | undefined;
  /** The tarieven agreed for the code; empty when the contracts name none. */
  tarieven(q: ContractVraag & { readonly code: string }): readonly AfgesprokenTarief[];
}

export interface ExterneBronnen {
  readonly cbs?: CbsBron;
  /** Absent without a contract registry. */
  readonly contract?: ContractBron;
}

/** Which source a rule needs to be assessed at all. */
export const BronNodig = {
  /** The CBS gemeente list. */
  cbs: 'cbs',
  /** The contract registry. */
  contract: 'contract',
} as const;
export type BronNodigCode = keyof typeof BronNodig;

/** Why a rule was not assessed, per missing source (shown with the decision). */
export const NIET_BEOORDEELD_REDEN: Readonly<Record<BronNodigCode, string>> = {
  cbs: 'the CBS gemeente list is not loaded (SLUIS_SHARED)',
  contract: 'no contract registry is loaded (SLUIS_REGISTRY): the agreed product codes and tarieven are unknown',
};
