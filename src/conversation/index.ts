export { CONVERSATION_RULES } from './rules.js';
export { Bron, type ConversationFinding, type ConversationRule, type RuleContext } from './rule.js';
export { withConversationFacts, type ClientKeyFn } from './facts.js';
export { MemoryConversationState, prefetchConversation, questionsFor } from './state.js';
export { adviceReasons, checkConversation, CONVERSATIE_TAG, ConversationMode, type AdviceReason } from './check.js';
export type * from './types.js';
