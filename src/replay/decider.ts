/**
 * Deciders a replay can use. Both run today's rules; they differ in what they read:
 *  - `pipelineDecider`: the raw bericht through the same validate + DecideFn as the live pipeline
 *    (needs raw bytes: one full parse per bericht, ~3,700/s per core for a 7.6 kB 301 measured here);
 *  - `coreDecider`: the pure decision core (src/decision) on the BSN-free summary. The summary is
 *    made once per bericht (parse + summarize) and kept in `replay_summaries`, so every later replay
 *    of the same traffic skips XML entirely — that is what makes replay an order of magnitude faster
 *    than live ingest.
 */
import type { Db } from '../store/db.js';
import { getRaw } from '../store/journal/raw.js';
import { getRaws } from '../store/journal/raws.js';
import { getReplaySummaries } from '../store/replay-summaries/get.js';
import { insertReplaySummaries } from '../store/replay-summaries/insert.js';
import type { Decision, DecideFn, ValidateFn } from '../pipeline/types.js';
import { direction, headerFacts } from '../pipeline/identify.js';
import type { Registry } from '../contracts/types.js';
import { decide as coreDecide } from '../decision/decide.js';
import { summaryErrorDecision } from '../decision/decision.js';
import { EMPTY_STATE, needsState, prefetchState, type AsyncDecisionState, type DecisionState } from '../decision/state.js';
import { SummaryError, summarize, type BerichtSummary } from '../decision/summary.js';
import { parseBericht } from '../validation/parse.js';
import type { ReplayItem } from './source.js';
import { journalState } from '../pipeline/journal-state.js';
import { conversationState } from '../pipeline/conversation-state.js';
import { conversationStep, type AsyncConversationState, type ConversationSummary } from '../pipeline/decide-conversation.js';

export interface ReplayDecider {
  /** The day the rules are applied for (YYYY-MM-DD, Europe/Amsterdam): reported with the run. */
  readonly today?: string;
  /** Called once per page before `decide` (batch loading). */
  prepare?(items: readonly ReplayItem[]): Promise<void>;
  decide(item: ReplayItem): Decision | Promise<Decision>;
}

export class ReplayDecideError extends Error {
  constructor(
    readonly berichtId: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReplayDecideError';
  }
}

async function rawOf(db: Db | undefined, item: ReplayItem): Promise<Uint8Array> {
  if (item.raw) return item.raw;
  if (!db) throw new ReplayDecideError(item.id, 'no raw bericht available');
  const raw = await getRaw(db, item.id);
  if (!raw) throw new ReplayDecideError(item.id, 'bericht not in the journal');
  return raw;
}

/** Today's pipeline decision for the raw bericht (validation included). */
export function pipelineDecider(o: {
  decide: DecideFn;
  validate: ValidateFn;
  today: string;
  db?: Db;
  /** As CoreDeciderOptions.conversationAsOf; runs on the journaled summary (it holds the conversation facts). */
  conversationAsOf?: (item: ReplayItem) => AsyncConversationState;
}): ReplayDecider {
  return {
    today: o.today,
    async decide(item) {
      const raw = await rawOf(o.db, item);
      const v = o.validate(raw, { today: o.today });
      if (!v.message || !v.bericht) throw new ReplayDecideError(item.id, `no longer L1-valid (${v.issues[0]?.code ?? 'unknown'})`);
      const h = headerFacts(v.bericht);
      const { sender, counterparty } = direction(v.message, h);
      const decision = await o.decide({ message: v.message, bericht: v.bericht, header: h, sender, counterparty, today: o.today });
      if (!o.conversationAsOf || !item.summary) return decision;
      return conversationStep(decision, item.summary as ConversationSummary, o.conversationAsOf(item), o.today);
    },
  };
}

export interface CoreDeciderOptions {
  readonly registry: Registry;
  /** What the core may ask about earlier traffic, fixed; default: knows nothing. */
  readonly state?: DecisionState;
  /**
   * The state as it was when the bericht came in (journalState with `before`, src/pipeline/journal-state.ts): the live pipeline
   * decides with the journal state, so a faithful replay asks the same questions of the same past.
   * Takes precedence over `state`.
   */
  readonly stateAsOf?: (item: ReplayItem) => AsyncDecisionState;
  /**
   * The conversation rules' state as it was when the bericht came in (conversationState with
   * `before`): the live pipeline ran them after the core (src/pipeline/decide-conversation.ts) on the
   * journal before the bericht, so replay asks the same past. Absent: the conversation rules do not run.
   */
  readonly conversationAsOf?: (item: ReplayItem) => AsyncConversationState;
  /** YYYY-MM-DD: "today" for the rules. */
  readonly today: string;
  /** Journal store: summary cache and raw bytes on a cache miss. */
  readonly db: Db;
}

/** The decision core on cached summaries; a miss parses the raw bericht once and fills the cache. */
export function coreDecider(o: CoreDeciderOptions): ReplayDecider & { readonly stats: { hits: number; misses: number } } {
  const cache = new Map<string, BerichtSummary>();
  /** Berichten the core cannot summarise: decided as the live pipeline does (registryDecide: refuse). */
  const unsummarisable = new Map<string, Decision>();
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    today: o.today,
    async prepare(items) {
      cache.clear();
      unsummarisable.clear();
      for (const i of items) {
        // The live core journals its summary with the decision (journal.decision_summary, with the
        // woonplaats result of that moment): the exact facts it decided on, no parse needed.
        if (i.summary) cache.set(i.id, i.summary);
        else if (i.cachedSummary) cache.set(i.id, i.cachedSummary);
      }
      const ask = items.filter((i) => !cache.has(i.id)).map((i) => i.id);
      if (ask.length > 0) {
        for (const [id, summary] of await getReplaySummaries<BerichtSummary>(o.db, ask)) cache.set(id, summary);
      }
      const missing = items.filter((i) => !cache.has(i.id));
      stats.hits += items.length - missing.length;
      stats.misses += missing.length;
      if (missing.length === 0) return;
      const needRaw = missing.filter((i) => !i.raw).map((i) => i.id);
      const raws = needRaw.length > 0 ? await getRaws(o.db, needRaw) : new Map<string, Uint8Array>();
      const fresh: [string, string][] = [];
      for (const item of missing) {
        const raw = item.raw ?? raws.get(item.id);
        if (!raw) continue;
        const p = parseBericht(raw);
        if (!p.success) continue; // decide() reports it
        let s: BerichtSummary;
        try {
          s = summarize(p.message, p.bericht);
        } catch (err) {
          if (!(err instanceof SummaryError)) throw err;
          unsummarisable.set(item.id, summaryErrorDecision(err));
          continue;
        }
        cache.set(item.id, s);
        fresh.push([item.id, JSON.stringify(s)]);
      }
      if (fresh.length > 0) {
        await insertReplaySummaries(o.db, fresh);
      }
    },
    decide(item) {
      const refused = unsummarisable.get(item.id);
      if (refused) return refused;
      const s = cache.get(item.id);
      if (!s) throw new ReplayDecideError(item.id, 'the bericht could not be summarised (no longer L1-valid, or not in the journal)');
      // The decision carries the summary as the live core's does; a real run journals it in
      // decision_summary when it is not the one already there (later state questions read it).
      const decideOn = (state: DecisionState): Decision => ({ ...coreDecide(s, o.registry, state, o.today), summary: s });
      // Most summaries ask the state nothing (needsState): decided synchronously, no as-of store built.
      const core = !o.stateAsOf
        ? decideOn(o.state ?? EMPTY_STATE)
        : needsState(s)
          ? prefetchState(s, o.stateAsOf(item)).then(decideOn)
          : decideOn(EMPTY_STATE);
      if (!o.conversationAsOf) return core;
      // The journaled summary carries the conversation facts (keyed client hashes) the live step added.
      const conversation = o.conversationAsOf(item);
      const conv = s as ConversationSummary;
      return core instanceof Promise
        ? core.then((d) => conversationStep(d, conv, conversation, o.today))
        : conversationStep(core, conv, conversation, o.today);
    },
  };
}

/**
 * The replay decider Sluis uses (CLI, operator endpoint): the decision core with today's registry,
 * the journaled summaries, and the journal state as of each bericht's arrival — for the core's
 * questions and the conversation rules' alike.
 */
export function journalReplayDecider(o: {
  registry: Registry;
  today: string;
  db: Db;
  /** The conversation rules too (default), each bericht against the journal as it stood before it. */
  conversation?: boolean;
}): ReplayDecider & { readonly stats: { hits: number; misses: number } } {
  return coreDecider({
    ...o,
    stateAsOf: (item) => journalState(o.db, { before: { receivedAt: item.receivedAt, id: item.id } }),
    ...(o.conversation === false ? {} : { conversationAsOf: conversationAsOf(o.db) }),
  });
}

/** The conversation state as the journal stood just before the item (replay's as-of questions). */
export function conversationAsOf(db: Db): (item: ReplayItem) => AsyncConversationState {
  return (item) => conversationState(db, { before: { receivedAt: item.receivedAt, id: item.id } });
}
