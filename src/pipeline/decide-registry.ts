/**
 * The decision core (src/decision) over a contract registry, adapted to the pipeline's DecideFn:
 * summarize → woonplaats check (when its sources are configured) → prefetch the state the core asks
 * for → pure `decide`. The decision carries the summary it was taken on (`decision.summary`: codes,
 * dates and references, no BSN or name); the journal keeps it in `decision_summary`, journalState
 * answers later verzoek/toewijzing questions from it, and `GET /api/v1/berichten/{id}` shows it.
 * State: with a `state` (journalState) a retour follows its stored heenbericht and a 301 its open
 * verzoek; without one, EMPTY_STATE: berichten are decided on their own content, as `sluis explain`
 * does offline. A bericht the core cannot summarise is refused with a reason, never a crash.
 */
import type { Registry } from '../contracts/types.js';
import { decide } from '../decision/decide.js';
import { summaryErrorDecision } from '../decision/decision.js';
import { EMPTY_STATE, prefetchState, type AsyncDecisionState } from '../decision/state.js';
import { SummaryError, summarize, type BerichtSummary } from '../decision/summary.js';
import { checkWoonplaats, type WoonplaatsDeps } from '../woonplaats/check.js';
import type { DecideFn } from './types.js';

export interface RegistryDecideDeps {
  /** The registry in force: a holder's `current`, so a PUT on /api/v1/contracten applies to the next bericht. */
  readonly registry: () => Registry;
  readonly state?: AsyncDecisionState;
  /** Absent: no woonplaats check (the decision then has no `woonplaats` result). */
  readonly woonplaats?: WoonplaatsDeps;
}

export function registryDecide(registry: Registry | RegistryDecideDeps, state?: AsyncDecisionState): DecideFn {
  const deps: RegistryDecideDeps = 'contracten' in registry ? { registry: () => registry, ...(state ? { state } : {}) } : registry;
  return async (input) => {
    let summary: BerichtSummary;
    try {
      summary = summarize(input.message, input.bericht);
    } catch (err) {
      if (!(err instanceof SummaryError)) throw err;
      return summaryErrorDecision(err);
    }
    if (deps.woonplaats) {
      const w = await checkWoonplaats(summary, input.bericht, deps.woonplaats);
      if (w) summary = { ...summary, woonplaats: w };
    }
    const snapshot = deps.state ? await prefetchState(summary, deps.state) : EMPTY_STATE;
    return { ...decide(summary, deps.registry(), snapshot, input.today), summary };
  };
}
