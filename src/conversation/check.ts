/**
 * Running the conversation rules and turning findings into reasons. An advising finding never changes
 * the decision's action: it is attached as a reason with severity `warning`, its rule id and
 * retourcode, and the tag `conversatie`. An enforced one (enforce.ts) becomes an `error` reason of
 * the rejection.
 */
import type { ConversationFinding, ConversationRule, RuleContext } from './rule.js';
import type { ConversationState, ConversationSummary } from './types.js';
import { NIET_BEOORDEELD_REDEN, type ExterneBronnen } from './bronnen.js';

/** The tag on a decision that carries conversation findings. */
export const CONVERSATIE_TAG = 'conversatie';

export { ConversationMode, type ConversationModeCode } from './enforce.js';

export function checkConversation(
  summary: ConversationSummary,
  state: ConversationState,
  ctx: RuleContext,
  rules: readonly ConversationRule[],
): ConversationFinding[] {
  return rules.filter((r) => r.berichten.includes(summary.nummer)).flatMap((r) => r.check(summary, state, ctx));
}

/** A decision reason made of a finding: severity warning, `advies: true` (it never decides the action). */
export interface AdviceReason {
  readonly rule: string;
  readonly text: string;
  readonly severity: 'warning';
  readonly retourCode: string;
  readonly path: string;
  readonly advies: true;
}

export function adviceReasons(findings: readonly ConversationFinding[]): AdviceReason[] {
  return findings.map((f) => ({
    rule: f.rule,
    text: `${f.rule} (retourcode ${f.retourCode}, advice): ${f.text}`,
    severity: 'warning',
    retourCode: f.retourCode,
    path: f.path,
    advies: true,
  }));
}

/** A decision reason made of an enforced finding: severity error, the reason the bericht was rejected. */
export interface EnforcedReason {
  readonly rule: string;
  readonly text: string;
  readonly severity: 'error';
  readonly retourCode: string;
  readonly path: string;
}

/** The reasons of weighed findings: enforced ones as errors, the others as advice. */
export function findingReasons(findings: readonly ConversationFinding[]): (AdviceReason | EnforcedReason)[] {
  return findings.map((f) =>
    f.enforced === true
      ? {
          rule: f.rule,
          text: `${f.rule} (retourcode ${f.retourCode}, enforced): ${f.text}`,
          severity: 'error',
          retourCode: f.retourCode,
          path: f.path,
        }
      : adviceReasons([f])[0]!,
  );
}

/** A rule that applies to the bericht but could not be assessed: its external source is not loaded. */
export interface NietBeoordeeld {
  readonly rule: string;
  readonly reden: string;
}

export function nietBeoordeeld(
  summary: ConversationSummary,
  rules: readonly ConversationRule[],
  bronnen: ExterneBronnen = {},
): NietBeoordeeld[] {
  return rules.flatMap((r) =>
    r.nodig !== undefined && r.berichten.includes(summary.nummer) && bronnen[r.nodig] === undefined
      ? [{ rule: r.id, reden: NIET_BEOORDEELD_REDEN[r.nodig] }]
      : [],
  );
}
