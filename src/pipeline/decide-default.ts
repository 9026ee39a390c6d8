import { singleReasonDecision } from '../decision/decision.js';
import type { DecideFn } from './types.js';

/** Reason rule id used when no contract registry is configured. */
export const NO_REGISTRY_RULE = 'no-contract-registry';

/**
 * The decision when no contract registry is configured: route to the other party named in the
 * header. Documented behaviour (docs/operations.md), not a stub: without contracts there is no
 * uitvoeringsvariant to apply, so Sluis acts as a validating router and says so in every decision.
 */
export const routeToCounterparty: DecideFn = (input) =>
  singleReasonDecision(
    'route',
    { rule: NO_REGISTRY_RULE, text: 'no contract registry configured: routed to the party named in the header', severity: 'info' },
    input.counterparty,
  );
