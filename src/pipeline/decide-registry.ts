/**
 * The decision core (src/decision) over a contract registry, adapted to the pipeline's DecideFn.
 * State: the journal does not yet answer the core's state queries (stored heenbericht, open
 * verzoeken, toewijzingen), so EMPTY_STATE is passed: retours and antwoorden are decided on their own
 * content, as `sluis explain` does offline.
 */
import type { Registry } from '../contracts/types.js';
import { decide } from '../decision/decide.js';
import { EMPTY_STATE } from '../decision/state.js';
import { SummaryError, summarize } from '../decision/summary.js';
import type { DecideFn } from './types.js';

export function registryDecide(registry: Registry): DecideFn {
  return (input) => {
    let summary;
    try {
      summary = summarize(input.message, input.bericht);
    } catch (err) {
      if (!(err instanceof SummaryError)) throw err;
      return { action: 'refuse', reasons: [{ rule: 'summary-error', text: `cannot summarise the bericht for a decision: ${err.message}` }] };
    }
    return decide(summary, registry, EMPTY_STATE, input.today);
  };
}
