/**
 * Running the conversation rules and turning findings into advice. In advise mode (the only mode
 * built so far) a finding never changes the decision's action: it is attached as a reason with
 * severity `warning`, its rule id and retourcode, and the tag `conversatie`.
 */
import type { ConversationFinding, ConversationRule, RuleContext } from './rule.js';
import type { ConversationState, ConversationSummary } from './types.js';
import { NIET_BEOORDEELD_REDEN, type ExterneBronnen } from './bronnen.js';

/** The tag on a decision that carries conversation findings. */
export const CONVERSATIE_TAG = 'conversatie';

/** How findings act on a decision; only `advise` is built (enforce: docs/validation.md). */
export const ConversationMode = {
  /** Route as decided; attach the findings. */
  advise: 'advise',
} as const;
export type ConversationModeCode = keyof typeof ConversationMode;

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
