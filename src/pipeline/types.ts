/**
 * Pipeline contracts. The decider is injected as a `DecideFn` from the composition root: the
 * decision core over the contract registry (decide-registry.ts), or without one routeToCounterparty
 * (decide-default.ts).
 */
import type { Decision as CoreDecision, Reason } from '../decision/decision.js';
import type { BerichtSummary } from '../decision/summary.js';
import type { MessageDef } from '../standard/model.js';
import type { ValidationIssue } from '../validation/issues.js';

/** A reason of a decision: the core's (rule, text, severity, and the contract/variant/items it concerns). */
export type DecisionReason = Reason;

/**
 * The one decision shape across decide → journal → API → events: the core's decision, plus the
 * summary it was taken on when the core read the bericht (codes, dates, references; no BSN or
 * name). The journal keeps the summary in its own column (decision_summary); the API shows it
 * back as `decision.summary`; events and replay reports carry the decision without it.
 */
export type Decision = CoreDecision & { readonly summary?: BerichtSummary };

/** The header facts every step needs, read once from the typed object. */
export interface HeaderFacts {
  readonly berichtCode: string;
  readonly afzender: string;
  readonly ontvanger: string;
  readonly identificatie: string;
  readonly dagtekening: string;
}

export interface DecideInput {
  readonly message: MessageDef;
  /** The typed object of the whole bericht (L1- and L2-valid). */
  readonly bericht: Record<string, unknown>;
  readonly header: HeaderFacts;
  /** The party that sent it (by message direction, FACTS §4.2). */
  readonly sender: string;
  /** The other party in the header: where the bericht goes unless the decision says otherwise. */
  readonly counterparty: string;
  /** YYYY-MM-DD, Europe/Amsterdam. */
  readonly today: string;
  /** Historical traffic taken in by `sluis import`: decided for the conversation state, never delivered or enforced. */
  readonly imported?: boolean;
}

export type DecideFn = (input: DecideInput) => Decision | Promise<Decision>;

/** What the pipeline's validate step answers: validateBericht's outcome, plus digests when made elsewhere. */
export interface ValidateResult {
  readonly message?: MessageDef;
  readonly valid: boolean;
  readonly l1Valid: boolean;
  readonly issues: readonly ValidationIssue[];
  readonly bericht?: Record<string, unknown>;
  /**
   * Made where the bytes and the tree already were (a validation thread): sha256 of the bytes (hex)
   * and every BSN in the tree. Absent: the pipeline computes them itself.
   */
  readonly digest?: { readonly sha256: string; readonly bsns: readonly string[] };
}

/** validateBericht's signature (src/validation/validate.ts), injected so the pipeline can be composed. */
export type ValidateFn = (input: Uint8Array, opts: { today: string }) => ValidateResult;

/** The ingest pipeline's validate step: validateBericht in-thread, or a validation thread pool (validate-pool.ts). */
export type IngestValidateFn = (input: Uint8Array, opts: { today: string }) => ValidateResult | Promise<ValidateResult>;

/** buildRetour's signature (src/validation/retour.ts). */
export type BuildRetourFn = (
  heen: { message: MessageDef; bericht: Record<string, unknown> },
  outcome: { issues: readonly ValidationIssue[] },
  opts: { identificatieRetour?: string; today: string },
) => { readonly xml: string; readonly kind: string };
