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

/** Reason rule id when a bericht would be routed to a party code no party config names. */
export const UNKNOWN_ADDRESSEE_RULE = 'unknown-addressee';

/** What happens to a bericht whose addressee no party config names (SLUIS_UNKNOWN_ADDRESSEE). */
export const UnknownAddressee = {
  /** Refuse it with a reason: nobody could read it, and the sender should know now (the default). */
  refuse: 'refuse',
  /** Route it anyway: its postbus waits for a party that is configured later. */
  route: 'route',
} as const;
export type UnknownAddresseeCode = keyof typeof UnknownAddressee;

/** Refuses a routed decision whose addressee is not among `known`; every other decision passes unchanged. */
export function refuseUnknownAddressee(inner: DecideFn, known: ReadonlySet<string>): DecideFn {
  return async (input) => {
    const d = await inner(input);
    if (d.action !== 'route' || d.addressee === undefined || known.has(d.addressee)) return d;
    return {
      ...singleReasonDecision('refuse', {
        rule: UNKNOWN_ADDRESSEE_RULE,
        text: `no party with code ${d.addressee} is configured in Sluis: nobody could receive this bericht`,
        severity: 'error',
      }),
      ...(d.summary ? { summary: d.summary } : {}),
    };
  };
}
