/** The pure decision core: summarize a typed bericht, decide on it. No I/O (see eslint.config.js). */
export { decide } from './decide.js';
export {
  Action,
  SUMMARY_ERROR_RULE,
  Tag,
  singleReasonDecision,
  summaryErrorDecision,
  type ActionCode,
  type Decision,
  type ItemDecision,
  type Reason,
  type Severity,
} from './decision.js';
export { BerichtGroep, GROEP_VAN, POLICY, RULE, policyRule, type PolicyRule } from './policy.js';
export {
  EMPTY_ASYNC_STATE,
  EMPTY_STATE,
  MemoryState,
  prefetchState,
  verzoekKeyFor,
  type AsyncDecisionState,
  type DecisionState,
  type StoredBericht,
  type StoredToewijzing,
  type StoredVerzoek,
} from './state.js';
export { HEEN_VAN, VERZENDER, SummaryError, summarize, type BerichtSummary, type SummaryItem, type WoonplaatsCheck } from './summary.js';
