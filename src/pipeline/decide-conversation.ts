/**
 * The conversation step after the decision: the bericht's summary (the core's, or made here when
 * the decision has none — no registry) gets the conversation facts (keyed client hash, StatusAanlevering),
 * the state the rules ask for is prefetched from the journal, the pure rules run with today's date,
 * and — advise mode, the only one built — each finding is attached to a routed decision as a warning
 * reason with its rule id and retourcode, the tag `conversatie` and `conversatie.findings`; the
 * action never changes. The decision carries the summary so the journal keeps the facts the next
 * bericht's rules ask about.
 */
import { CONVERSATIE_TAG, ConversationMode, adviceReasons, checkConversation, nietBeoordeeld } from '../conversation/check.js';
import type { ExterneBronnen } from '../conversation/bronnen.js';
import { withConversationFacts, type ClientKeyFn } from '../conversation/facts.js';
import type { ConversationRule } from '../conversation/rule.js';
import { CONVERSATION_RULES } from '../conversation/rules.js';
import { prefetchConversation } from '../conversation/state.js';
import type { AsyncConversationState, ConversationSummary } from '../conversation/types.js';
import { SummaryError, summarize } from '../decision/summary.js';
import type { DecideFn, Decision } from './types.js';

/** For replay (src/replay), which reaches the conversation through the pipeline. */
export type { AsyncConversationState, ConversationSummary };

export interface ConversationDeps {
  readonly state: AsyncConversationState;
  /** The keyed hash of a BSN; absent (no clientKeySecret): the rules keyed by client are not assessed. */
  readonly clientKey?: ClientKeyFn;
  /** Default: every encoded rule. */
  readonly rules?: readonly ConversationRule[];
  /** The external sources (CBS list, contract registry); a rule whose source is absent is reported as not assessed. */
  readonly bronnen?: ExterneBronnen;
}

export function withConversation(inner: DecideFn, deps: ConversationDeps): DecideFn {
  const rules = deps.rules ?? CONVERSATION_RULES;
  return async (input) => {
    const decision = await inner(input);
    let summary = decision.summary;
    if (!summary) {
      try {
        summary = summarize(input.message, input.bericht);
      } catch (err) {
        if (err instanceof SummaryError) return decision;
        throw err;
      }
    }
    const conv = deps.clientKey ? withConversationFacts(summary, input.bericht, deps.clientKey) : summary;
    return conversationStep(decision, conv, deps.state, input.today, rules, deps.bronnen);
  };
}

/**
 * The rules on a decision already taken, for a summary with its conversation facts: the live step
 * above, and replay (src/replay/decider.ts) with the state as it was at the bericht's journal position.
 */
export async function conversationStep(
  decision: Decision,
  conv: ConversationSummary,
  state: AsyncConversationState,
  today: string,
  rules: readonly ConversationRule[] = CONVERSATION_RULES,
  bronnen?: ExterneBronnen,
): Promise<Decision> {
  // Advise means: route and attach. A suppressed or refused bericht reaches nobody and its sender
  // already has the deciding reason; it keeps only the facts (later questions skip refused rows).
  if (decision.action !== 'route') return { ...decision, summary: conv };
  const snapshot = await prefetchConversation(conv, state, rules);
  const findings = checkConversation(conv, snapshot, { today, ...(bronnen ? { bronnen } : {}) }, rules);
  const open = nietBeoordeeld(conv, rules, bronnen);
  if (findings.length === 0 && open.length === 0) return { ...decision, summary: conv };
  const conversatie = { mode: ConversationMode.advise, findings, ...(open.length > 0 ? { nietBeoordeeld: open } : {}) };
  if (findings.length === 0) return { ...decision, conversatie, summary: conv };
  return {
    ...decision,
    reasons: [...decision.reasons, ...adviceReasons(findings)],
    tags: [...(decision.tags ?? []), CONVERSATIE_TAG],
    conversatie,
    summary: conv,
  };
}
