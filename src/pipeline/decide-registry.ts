/**
 * The decision core (src/decision) over a contract registry, adapted to the pipeline's DecideFn.
 * State: with a `state` (journalState over the journal) the core's questions are prefetched before
 * the pure `decide` runs — a retour then follows its stored heenbericht; without one, EMPTY_STATE:
 * retours and antwoorden are decided on their own content, as `sluis explain` does offline.
 */
import type { Registry } from '../contracts/types.js';
import { decide } from '../decision/decide.js';
import { EMPTY_STATE, prefetchState, type AsyncDecisionState } from '../decision/state.js';
import { SummaryError, summarize } from '../decision/summary.js';
import type { DecideFn } from './types.js';

export function registryDecide(registry: Registry, state?: AsyncDecisionState): DecideFn {
  return async (input) => {
    let summary;
    try {
      summary = summarize(input.message, input.bericht);
    } catch (err) {
      if (!(err instanceof SummaryError)) throw err;
      return { action: 'refuse', reasons: [{ rule: 'summary-error', text: `cannot summarise the bericht for a decision: ${err.message}` }] };
    }
    const snapshot = state ? await prefetchState(summary, state) : EMPTY_STATE;
    return decide(summary, registry, snapshot, input.today);
  };
}
