export { CONVERSATION_RULES } from './rules.js';
export { Bron, type ConversationFinding, type ConversationRule, type RuleContext } from './rule.js';
export { withConversationFacts, type ClientKeyFn } from './facts.js';
export { MemoryConversationState, prefetchConversation, questionsFor } from './state.js';
export { adviceReasons, checkConversation, CONVERSATIE_TAG, findingReasons, type AdviceReason, type EnforcedReason } from './check.js';
export { ConversationMode, enforceable, neededSince, weigh, type ConversationModeCode } from './enforce.js';
export type * from './types.js';
