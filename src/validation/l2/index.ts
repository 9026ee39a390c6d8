/** L2: the in-message rules (controleniveau 2) as a declarative table plus a streaming runner. */
export { createL2Runner, runL2OnObject, rulesFor, walkBericht, type L2Event, type L2Options, type L2Runner } from './runner.js';
export { L2_RULES } from './rules.js';
export { LOGICAL_KEYS, type LogicalKey } from './keys.js';
export { DECLARED_STATUS, type DeclaredStatus } from './status.js';
export type { CoverageStatus, Finding, L2Rule, Node, RuleContext } from './types.js';
