/**
 * The conversation state as a snapshot: `prefetchConversation` asks the asynchronous store (the
 * journal) exactly the questions the rules declare for one summary, and the pure rules read the
 * answers. `MemoryConversationState` is also what unit tests build their state from.
 */
import type {
  AsyncConversationState,
  ClientKey,
  ReferentieGebruiktKey,
  ReferentieHistorie,
  ReferentieKey,
  RegieLijn,
  ToewijzingGebruik,
  ToewijzingNummerKey,
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
  // --- regie / toewijzing / verzoek answers ---
  private readonly regieClient = new Map<string, RegieLijn[]>();
  private readonly referenties = new Map<string, ReferentieHistorie>();
  private readonly gebruikt = new Set<string>();
  private readonly toewijzingenClient = new Map<string, ConversationItem[]>();
  private readonly nummers = new Map<string, ToewijzingGebruik[]>();

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

  // --- regie / toewijzing / verzoek questions ---
  regieVanClient(q: ClientKey): readonly RegieLijn[] {
    return this.regieClient.get(keyOf(q)) ?? [];
  }
  referentie(q: ReferentieKey): ReferentieHistorie {
    return (
      this.referenties.get(keyOf(q)) ?? { referentieAanbieder: q.referentieAanbieder, verzoeken: [], toewijzingen: [], antwoorden: [] }
    );
  }
  referentieGebruikt(q: ReferentieGebruiktKey): boolean {
    return this.gebruikt.has(keyOf(q));
  }
  toewijzingenVanClient(q: ClientKey): readonly ConversationItem[] {
    return this.toewijzingenClient.get(keyOf(q)) ?? [];
  }
  toewijzingNummerGebruik(q: ToewijzingNummerKey): readonly ToewijzingGebruik[] {
    return this.nummers.get(keyOf(q)) ?? [];
  }
  putRegieVanClient(q: ClientKey, lijnen: readonly RegieLijn[]): this {
    this.regieClient.set(keyOf(q), [...(this.regieClient.get(keyOf(q)) ?? []), ...lijnen]);
    return this;
  }
  putReferentie(q: Omit<ReferentieKey, 'referentieAanbieder'>, h: ReferentieHistorie): this {
    this.referenties.set(keyOf({ ...q, referentieAanbieder: h.referentieAanbieder }), h);
    return this;
  }
  putReferentieGebruikt(q: ReferentieGebruiktKey): this {
    this.gebruikt.add(keyOf(q));
    return this;
  }
  putToewijzingenVanClient(q: ClientKey, items: readonly ConversationItem[]): this {
    this.toewijzingenClient.set(keyOf(q), [...(this.toewijzingenClient.get(keyOf(q)) ?? []), ...items]);
    return this;
  }
  putToewijzingNummerGebruik(q: Omit<ToewijzingNummerKey, 'toewijzingNummer'>, g: ToewijzingGebruik): this {
    const k = keyOf({ ...q, toewijzingNummer: g.toewijzingNummer });
    this.nummers.set(k, [...(this.nummers.get(k) ?? []), g]);
    return this;
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
      // --- regie / toewijzing / verzoek questions ---
      case 'regieVanClient':
        snap.putRegieVanClient(question.q, await store.regieVanClient(question.q));
        break;
      case 'referenties': {
        const { referenties: _refs, ...pair } = question.q;
        for (const h of await store.referenties(question.q)) snap.putReferentie(pair, h);
        break;
      }
      case 'referentiesGebruikt': {
        const { referenties: _refs, ...who } = question.q;
        for (const r of await store.referentiesGebruikt(question.q)) snap.putReferentieGebruikt({ ...who, referentieAanbieder: r });
        break;
      }
      case 'toewijzingenVanClient':
        snap.putToewijzingenVanClient(question.q, await store.toewijzingenVanClient(question.q));
        break;
      case 'toewijzingNummers': {
        const { toewijzingNummers: _nrs, ...gemeente } = question.q;
        for (const g of await store.toewijzingNummers(question.q)) snap.putToewijzingNummerGebruik(gemeente, g);
        break;
      }
    }
  }
  return snap;
}
