/** The decision the pure core returns, journaled with the bericht and shown by `sluis explain`. */
import type { WoonplaatsCheck } from './summary.js';

export const Action = {
  /** Deliver to `addressee`. */
  route: 'route',
  /** Never deliver; journal, count, and tell the sender why (PRODUCT §3 "Suppress means"). */
  suppress: 'suppress',
  /** Reject: the sender must not send this (no contract + refuse, mixed declaratie, blocking rechtszekerheid). */
  refuse: 'refuse',
} as const;
export type ActionCode = keyof typeof Action;

export type Severity = 'info' | 'warning' | 'error';

export interface Reason {
  /** A policy row id (POLICY) or one of RULE. */
  readonly rule: string;
  /** Human text, English, never a BSN or name. */
  readonly text: string;
  readonly severity: Severity;
  readonly contractId?: string;
  /** Variant or taakgericht profile the rule belongs to. */
  readonly variant?: string;
  /** Items concerned: element paths, with ProductReferentie for prestaties. */
  readonly items?: readonly string[];
}

/** Per product line / prestatie: what the table said before the parts were combined. */
export interface ItemDecision {
  readonly path: string;
  readonly productReferentie?: string;
  readonly action: ActionCode;
  readonly rule: string;
  readonly contractId?: string;
}

/** A type alias (not an interface) so it is assignable to the pipeline's open `Decision` shape. */
export type Decision = {
  readonly action: ActionCode;
  /** CBS code (gemeente) or AGB code (aanbieder); present when action is route. */
  readonly addressee?: string;
  readonly reasons: readonly Reason[];
  /** Sorted, unique. `woonplaatscheck`, `woonplaats-afwijking`, `geen-contract`, `zonder-toewijzing`, `rechtszekerheid`. */
  readonly tags: readonly string[];
  /** Contracts that decided, sorted. */
  readonly contractIds: readonly string[];
  readonly items: readonly ItemDecision[];
  /** The variant/profile behind the decision (metrics label); `gemengd` when items differ. */
  readonly variant?: string;
  /** The woonplaats result attached for the gemeente, when a check ran. */
  readonly woonplaats?: WoonplaatsCheck;
};

/** Tag values (stable; metrics and filters use them). */
export const Tag = {
  /** Woonplaatsbeginsel traffic: kept flowing in every variant. */
  woonplaatscheck: 'woonplaatscheck',
  /** The expected gemeente differs from the header gemeente (metric `sluis_woonplaats_mismatch_total`). */
  woonplaatsAfwijking: 'woonplaats-afwijking',
  /** No contract matched. */
  geenContract: 'geen-contract',
  /** Taakgericht start/stop: TR019 (link to a toewijzing) does not apply. */
  zonderToewijzing: 'zonder-toewijzing',
  /** The rechtszekerheid warning fired. */
  rechtszekerheid: 'rechtszekerheid',
  /** PxQ onderaannemer routed provider-to-provider to the hoofdaannemer. */
  naarHoofdaannemer: 'naar-hoofdaannemer',
} as const;
