/**
 * The enrich → decide step of the pipeline (PRODUCT §2) for the gateway and replay: summarize the
 * typed bericht, attach the woonplaats check (which may call the lookup adapter), fetch the state the
 * decision needs, and run the pure core. Everything external comes in through `deps`.
 */
import type { Registry } from '../contracts/types.js';
import { decide } from '../decision/decide.js';
import type { Decision } from '../decision/decision.js';
import { prefetchState, type AsyncDecisionState } from '../decision/state.js';
import { summarize, type BerichtSummary } from '../decision/summary.js';
import type { MessageDef } from '../standard/model.js';
import { checkWoonplaats, type WoonplaatsDeps } from './check.js';

export interface EnrichDeps {
  readonly registry: Registry;
  readonly state: AsyncDecisionState;
  /** Absent: no woonplaats check (e.g. the CBS list is not configured). */
  readonly woonplaats?: WoonplaatsDeps;
  /** ISO date or date-time: the clock, passed in. */
  readonly now: string;
}

export async function enrichAndDecide(
  message: MessageDef,
  bericht: Record<string, unknown>,
  deps: EnrichDeps,
): Promise<{ summary: BerichtSummary; decision: Decision }> {
  let summary = summarize(message, bericht);
  if (deps.woonplaats) {
    const w = await checkWoonplaats(summary, bericht, deps.woonplaats);
    if (w) summary = { ...summary, woonplaats: w };
  }
  const snapshot = await prefetchState(summary, deps.state);
  return { summary, decision: decide(summary, deps.registry, snapshot, deps.now) };
}

/** What the gateway's pipeline hands its DecideFn (src/pipeline/types.ts DecideInput has these and more). */
export interface PipelineDecideInput {
  readonly message: MessageDef;
  readonly bericht: Record<string, unknown>;
  /** YYYY-MM-DD, Europe/Amsterdam: the clock, passed in. */
  readonly today: string;
}

export interface DecideFnDeps {
  /** The registry in force (a holder's `current`, so a PUT on /api/v1/contracten takes effect at once). */
  readonly registry: () => Registry;
  readonly state: AsyncDecisionState;
  readonly woonplaats?: WoonplaatsDeps;
}

/**
 * The gateway's DecideFn: `createApp({ decide: createDecideFn({ registry: holder.current, state, woonplaats }) })`.
 * The summary is returned inside the decision (`summary`), so the journal can keep it for replay and
 * `GET /api/v1/berichten/{id}` can show it; it holds no BSN.
 */
export function createDecideFn(
  deps: DecideFnDeps,
): (input: PipelineDecideInput) => Promise<Decision & { readonly summary: BerichtSummary }> {
  return async (input) => {
    const { summary, decision } = await enrichAndDecide(input.message, input.bericht, {
      registry: deps.registry(),
      state: deps.state,
      now: input.today,
      ...(deps.woonplaats ? { woonplaats: deps.woonplaats } : {}),
    });
    return { ...decision, summary };
  };
}
