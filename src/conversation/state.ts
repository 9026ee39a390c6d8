/**
 * The conversation state as a snapshot: `prefetchConversation` asks the asynchronous store (the
 * journal) exactly the questions the rules declare for one summary, and the pure rules read the
 * answers. `MemoryConversationState` is also what unit tests build their state from.
 */
import type {
  AsyncConversationState,
  ConversationItem,
  ConversationState,
  DeclaratieQuestion,
  OpenVerzoek,
  Question,
  RegieRegel,
  ToewijzingQuestion,
  VerzoekenQuestion,
} from './types.js';
import type { ConversationRule } from './rule.js';
import type { ConversationSummary } from './types.js';

const keyOf = (q: object): string => JSON.stringify(Object.entries(q).sort(([a], [b]) => a.localeCompare(b)));

export class MemoryConversationState implements ConversationState {
  private readonly toewijzingen = new Map<string, ConversationItem>();
  private readonly regels = new Map<string, RegieRegel[]>();
  private readonly declaraties = new Set<string>();
  private readonly verzoeken = new Map<string, OpenVerzoek[]>();

  toewijzing(q: ToewijzingQuestion): ConversationItem | undefined {
    return this.toewijzingen.get(keyOf(q));
  }
  regie(q: ToewijzingQuestion): readonly RegieRegel[] {
    return this.regels.get(keyOf(q)) ?? [];
  }
  declaratieBekend(q: DeclaratieQuestion): boolean {
    return this.declaraties.has(keyOf(q));
  }
  openVerzoeken(q: VerzoekenQuestion): readonly OpenVerzoek[] {
    return this.verzoeken.get(keyOf(q)) ?? [];
  }

  putToewijzing(q: ToewijzingQuestion, item: ConversationItem): this {
    this.toewijzingen.set(keyOf(q), item);
    return this;
  }
  putRegie(q: ToewijzingQuestion, regels: readonly RegieRegel[]): this {
    this.regels.set(keyOf(q), [...(this.regels.get(keyOf(q)) ?? []), ...regels]);
    return this;
  }
  putDeclaratie(q: DeclaratieQuestion): this {
    this.declaraties.add(keyOf(q));
    return this;
  }
  putOpenVerzoeken(q: VerzoekenQuestion, open: readonly OpenVerzoek[]): this {
    this.verzoeken.set(keyOf(q), [...open]);
    return this;
  }
}

/** The questions every rule will ask for this summary, without duplicates. */
export function questionsFor(summary: ConversationSummary, rules: readonly ConversationRule[]): Question[] {
  const seen = new Set<string>();
  const out: Question[] = [];
  for (const r of rules) {
    if (!r.berichten.includes(summary.nummer)) continue;
    for (const q of r.vragen(summary)) {
      const k = `${q.ask}|${keyOf(q.q)}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(q);
      }
    }
  }
  return out;
}

/** Ask the store the rules' questions; the snapshot the pure rules then read. */
export async function prefetchConversation(
  summary: ConversationSummary,
  store: AsyncConversationState,
  rules: readonly ConversationRule[],
): Promise<ConversationState> {
  const snap = new MemoryConversationState();
  for (const question of questionsFor(summary, rules)) {
    switch (question.ask) {
      case 'toewijzing': {
        const t = await store.toewijzing(question.q);
        if (t) snap.putToewijzing(question.q, t);
        break;
      }
      case 'regie':
        snap.putRegie(question.q, await store.regie(question.q));
        break;
      case 'declaratieBekend':
        if (await store.declaratieBekend(question.q)) snap.putDeclaratie(question.q);
        break;
      case 'openVerzoeken':
        snap.putOpenVerzoeken(question.q, await store.openVerzoeken(question.q));
        break;
    }
  }
  return snap;
}
