/**
 * The conversation step after the decision: the bericht's summary (the core's, or made here when
 * the decision has none — no registry) gets the conversation facts (keyed client hash, StatusAanlevering),
 * the state the rules ask for is prefetched from the journal, and the pure rules run with today's date.
 *
 * - **advise** (the default): each finding is attached to a routed decision as a warning reason with
 *   its rule id and retourcode, the tag `conversatie` and `conversatie.findings`; the action never changes.
 * - **enforce** (per gemeente, parties config): the findings are weighed against the pair's state
 *   horizon (src/conversation/enforce.ts). When one is enforced the decision becomes a refusal whose
 *   `conversatie.findings` mark it `enforced`; ingest then rejects the bericht with the retourbericht
 *   (src/pipeline/ingest.ts) instead of routing it. Findings whose history reaches before the horizon
 *   stay advice.
 *
 * The first decided bericht of a gemeente–aanbieder pair in a domain sets the pair's horizon to its
 * day (unless imported history set one). The decision carries the summary so the journal keeps the
 * facts the next bericht's rules ask about.
 */
import { CONVERSATIE_TAG, adviceReasons, checkConversation, findingReasons, nietBeoordeeld } from '../conversation/check.js';
import type { ExterneBronnen } from '../conversation/bronnen.js';
import { ConversationMode, weigh, type ConversationModeCode } from '../conversation/enforce.js';
import { withConversationFacts, type ClientKeyFn } from '../conversation/facts.js';
import type { ConversationRule } from '../conversation/rule.js';
import { CONVERSATION_RULES } from '../conversation/rules.js';
import { prefetchConversation } from '../conversation/state.js';
import type { AsyncConversationState, ConversationSummary } from '../conversation/types.js';
import { SummaryError, summarize } from '../decision/summary.js';
import type { Decision, DecideFn } from './types.js';

/** For replay (src/replay), which reaches the conversation through the pipeline. */
export type { AsyncConversationState, ConversationSummary };

/** A gemeente–aanbieder pair in one domain. */
export interface Pair {
  readonly standard: string;
  readonly gemeente: string;
  readonly aanbieder: string;
}

/** The pairs' state horizons (src/store/horizon), as the conversation step needs them. */
export interface HorizonSource {
  /** YYYY-MM-DD, or undefined when none is set. */
  get(pair: Pair): Promise<string | undefined>;
  /** Sets the horizon to `since` unless one is set. */
  ensure(pair: Pair, since: string): Promise<void>;
}

export interface ConversationDeps {
  readonly state: AsyncConversationState;
  /** The keyed hash of a BSN; absent (no clientKeySecret): the rules keyed by client are not assessed. */
  readonly clientKey?: ClientKeyFn;
  /** Default: every encoded rule. */
  readonly rules?: readonly ConversationRule[];
  /** The gemeente's mode (parties config); absent: advise for every gemeente. */
  readonly mode?: (gemeente: string) => ConversationModeCode;
  /** The state horizons; absent: none is known, so in enforce mode only the externe-bron findings enforce. */
  readonly horizon?: HorizonSource;
  /** The external sources (CBS list, contract registry); a rule whose source is absent is reported as not assessed. */
  readonly bronnen?: ExterneBronnen;
}

const pairKey = (p: Pair): string => `${p.standard}|${p.gemeente}|${p.aanbieder}`;

export function withConversation(inner: DecideFn, deps: ConversationDeps): DecideFn {
  const rules = deps.rules ?? CONVERSATION_RULES;
  // Pairs whose horizon is known to be set: a horizon never disappears, so one write per pair per process.
  const horizonSet = new Set<string>();
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
    const pair: Pair = { standard: conv.standard, gemeente: conv.gemeente, aanbieder: conv.aanbieder };
    // Imported history moves the horizon itself (src/app/import.ts), to its earliest Dagtekening.
    if (deps.horizon && !input.imported && !horizonSet.has(pairKey(pair))) {
      await deps.horizon.ensure(pair, input.today);
      horizonSet.add(pairKey(pair));
    }
    const advised = await conversationStep(decision, conv, deps.state, input.today, rules, deps.bronnen);
    // History is advice only: it was answered when it was sent.
    const mode = input.imported ? ConversationMode.advise : (deps.mode?.(conv.gemeente) ?? ConversationMode.advise);
    const horizon = deps.horizon;
    return enforceStep(advised, conv, { mode, rules, ...(horizon ? { horizon: () => horizon.get(pair) } : {}) });
  };
}

/**
 * The rules on a decision already taken, for a summary with its conversation facts, in advise mode:
 * findings become advice on a routed decision (enforceStep then weighs them for a gemeente that enforces).
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

/**
 * Enforce mode on the advise step's decision: its findings are weighed against the pair's horizon
 * (src/conversation/enforce.ts); enforced ones become error reasons and, when there is one, the
 * decision a refusal without addressee, which ingest answers with the retourbericht
 * (conversationRejection). In advise mode, or without findings, the decision is returned as it is
 * (its conversatie marked with the mode).
 */
export async function enforceStep(
  decision: Decision,
  conv: ConversationSummary,
  o: {
    readonly mode: ConversationModeCode;
    readonly rules: readonly ConversationRule[];
    readonly horizon?: () => Promise<string | undefined>;
  },
): Promise<Decision> {
  const c = decision.conversatie;
  if (o.mode === ConversationMode.advise || !c) return decision;
  if (c.findings.length === 0) return { ...decision, conversatie: { ...c, mode: o.mode } };
  const horizon = await o.horizon?.();
  const weighed = weigh(c.findings, conv, o.rules, o.mode, horizon);
  const base: Decision = {
    ...decision,
    // The advice reasons are the findings' (conversationStep): replaced by the weighed ones, in order.
    reasons: [...decision.reasons.filter((r) => r.advies !== true), ...findingReasons(weighed)],
    conversatie: { ...c, mode: o.mode, findings: weighed, ...(horizon !== undefined ? { horizon } : {}) },
  };
  if (!weighed.some((f) => f.enforced === true)) return base;
  const { addressee: _addressee, ...refused } = base;
  return { ...refused, action: 'refuse' };
}

/** The findings that rejected the bericht, when its conversation step enforced any. */
export function conversationRejection(decision: Decision): readonly NonNullable<Decision['conversatie']>['findings'][number][] {
  return decision.conversatie?.mode === ConversationMode.enforce ? decision.conversatie.findings.filter((f) => f.enforced === true) : [];
}
