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
  /** A finding across berichten (src/conversation) in advise mode: never the reason an action was taken. */
  readonly advies?: true;
  /** The retourcode the standard prescribes for the finding's rule. */
  readonly retourCode?: string;
  /** The class instance the finding marks. */
  readonly path?: string;
}

/** A rule across berichten that does not hold for this bericht (src/conversation): codes and references only. */
export interface ConversationFinding {
  readonly rule: string;
  readonly retourCode: string;
  /** Element path with 1-based indexes of the class instance it marks. */
  readonly path: string;
  /** English, codes and references only: never a BSN or name. */
  readonly text: string;
  /**
   * Enforce mode only: whether this finding rejected the bericht. False: it only advises — the history
   * it depends on reaches before the pair's state horizon (src/conversation/enforce.ts).
   */
  readonly enforced?: boolean;
}

/** Per product line / prestatie: what the table said before the parts were combined. */
export interface ItemDecision {
  readonly path: string;
  readonly productReferentie?: string;
  readonly action: ActionCode;
  readonly rule: string;
  readonly contractId?: string;
}

/**
 * The one decision shape: what the core decides, what every other decider (no registry, a bericht
 * the core cannot read) answers, and — with the summary it was taken on (src/pipeline/types.ts) —
 * what the journal keeps, the API shows, the replay compares and the events carry.
 */
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
  /**
   * The conversation's findings, when any rule across berichten did not hold. Advise: the action is
   * unchanged. Enforce: a finding marked `enforced` rejects the bericht (Sluis answers with the retour).
   */
  readonly conversatie?: {
    readonly mode: 'advise' | 'enforce';
    readonly findings: readonly ConversationFinding[];
    /** Enforce: the pair's state horizon (YYYY-MM-DD) the findings were weighed against; absent when none is set. */
    readonly horizon?: string;
    /** Rules that apply to the bericht but were not assessed: their external source is not loaded. */
    readonly nietBeoordeeld?: readonly { readonly rule: string; readonly reden: string }[];
  };
};

/**
 * A decision on one reason, taken without the contract table (no registry configured; a bericht the
 * core cannot read): complete like the core's, with no tags, contracts or items.
 */
export function singleReasonDecision(action: ActionCode, reason: Reason, addressee?: string): Decision {
  return { action, ...(addressee !== undefined ? { addressee } : {}), reasons: [reason], tags: [], contractIds: [], items: [] };
}

/** Reason rule id when the core cannot read the facts it decides on. */
export const SUMMARY_ERROR_RULE = 'summary-error';

/** The refusal of a bericht the core cannot summarise (a SummaryError): a reason, never a crash. */
export function summaryErrorDecision(err: { readonly message: string }): Decision {
  return singleReasonDecision('refuse', {
    rule: SUMMARY_ERROR_RULE,
    text: `cannot summarise the bericht for a decision: ${err.message}`,
    severity: 'error',
  });
}

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
