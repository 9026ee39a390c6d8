/**
 * The conversation state as a snapshot: `prefetchConversation` asks the asynchronous store (the
 * journal) exactly the questions the rules declare for one summary, and the pure rules read the
 * answers. `MemoryConversationState` is also what unit tests build their state from.
 */
import type {
  AsyncConversationState,
  ConversationItem,
  ConversationState,
  DeclaratieIdQuestion,
  DeclaratieQuestion,
  DeclaratieRegel,
  OpenVerzoek,
  PairQuestion,
  PrestatieRegel,
  Question,
  ReferentieQuestion,
  RegieRegel,
  ToewijzingNummerQuestion,
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
  // --- declaratie questions ---
  private readonly clienten = new Map<string, string[]>();
  private readonly perReferentie = new Map<string, PrestatieRegel[]>();
  private readonly perToewijzing = new Map<string, PrestatieRegel[]>();
  private readonly declaratieById = new Map<string, DeclaratieRegel>();
  private readonly declaratiesPerPair = new Map<string, DeclaratieRegel[]>();

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

  toewijzingClienten(q: ToewijzingNummerQuestion): readonly string[] {
    return this.clienten.get(keyOf(q)) ?? [];
  }
  prestaties(q: ReferentieQuestion): readonly PrestatieRegel[] {
    return this.perReferentie.get(keyOf(q)) ?? [];
  }
  prestatiesOpToewijzing(q: ToewijzingNummerQuestion): readonly PrestatieRegel[] {
    return this.perToewijzing.get(keyOf(q)) ?? [];
  }
  declaratie(q: DeclaratieIdQuestion): DeclaratieRegel | undefined {
    return this.declaratieById.get(keyOf(q));
  }
  eerdereDeclaraties(q: PairQuestion): readonly DeclaratieRegel[] {
    return this.declaratiesPerPair.get(keyOf(q)) ?? [];
  }

  /** A 301 line: answers `toewijzing` for its client and adds the client to `toewijzingClienten`. */
  putToegewezen(q: ToewijzingQuestion, item: ConversationItem): this {
    this.putToewijzing(q, item);
    const { client, ...nummer } = q;
    const k = keyOf(nummer);
    const cs = this.clienten.get(k) ?? [];
    if (!cs.includes(client)) this.clienten.set(k, [...cs, client]);
    return this;
  }
  /**
   * An earlier prestatie of this aanbieder: answers `prestaties` for its ReferentieNummer and its
   * VorigReferentieNummer, and `prestatiesOpToewijzing` for its ToewijzingNummer.
   */
  putPrestatie(k: { readonly standard: ReferentieQuestion['standard']; readonly aanbieder: string }, p: PrestatieRegel): this {
    const add = (m: Map<string, PrestatieRegel[]>, key: string): void => {
      const l = m.get(key);
      if (l) l.push(p);
      else m.set(key, [p]);
    };
    const refs = new Set([p.item.productReferentie, p.item.vorigReferentie]);
    for (const r of refs) if (r !== undefined) add(this.perReferentie, keyOf({ ...k, referentieNummer: r }));
    if (p.item.toewijzingNummer !== undefined)
      add(this.perToewijzing, keyOf({ ...k, gemeente: p.gemeente, toewijzingNummer: p.item.toewijzingNummer }));
    return this;
  }
  putDeclaratieRegel(k: PairQuestion, d: DeclaratieRegel): this {
    this.declaratieById.set(keyOf({ standard: k.standard, aanbieder: k.aanbieder, identificatie: d.identificatie }), d);
    const pk = keyOf(k);
    this.declaratiesPerPair.set(pk, [...(this.declaratiesPerPair.get(pk) ?? []), d]);
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

/**
 * Ask the store the rules' questions; the snapshot the pure rules then read. Questions about 301
 * lines and prestaties go as ONE batch per kind and pair (a 25 MB 323 asks ~15,000 of them);
 * the rest one by one.
 */
export async function prefetchConversation(
  summary: ConversationSummary,
  store: AsyncConversationState,
  rules: readonly ConversationRule[],
): Promise<ConversationState> {
  const snap = new MemoryConversationState();
  // --- declaratie questions: gathered per pair, asked after the loop ---
  const toegewezen = new Map<string, { pair: PairQuestion; nummers: Set<string> }>();
  const opToewijzing = new Map<string, { pair: PairQuestion; nummers: Set<string> }>();
  const referenties = new Map<string, { standard: PairQuestion['standard']; aanbieder: string; refs: Set<string> }>();
  const gather = (m: Map<string, { pair: PairQuestion; nummers: Set<string> }>, q: ToewijzingNummerQuestion): void => {
    const pair = { standard: q.standard, gemeente: q.gemeente, aanbieder: q.aanbieder };
    const k = keyOf(pair);
    const g = m.get(k) ?? { pair, nummers: new Set<string>() };
    g.nummers.add(q.toewijzingNummer);
    m.set(k, g);
  };
  for (const question of questionsFor(summary, rules)) {
    switch (question.ask) {
      case 'toewijzing':
      case 'toewijzingClienten':
        gather(toegewezen, question.q);
        break;
      case 'prestatiesOpToewijzing':
        gather(opToewijzing, question.q);
        break;
      case 'prestaties': {
        const k = `${question.q.standard}|${question.q.aanbieder}`;
        const g = referenties.get(k) ?? { standard: question.q.standard, aanbieder: question.q.aanbieder, refs: new Set<string>() };
        g.refs.add(question.q.referentieNummer);
        referenties.set(k, g);
        break;
      }
      case 'declaratie': {
        const d = await store.declaratie(question.q);
        if (d) snap.putDeclaratieRegel({ standard: question.q.standard, gemeente: d.gemeente, aanbieder: question.q.aanbieder }, d);
        break;
      }
      case 'eerdereDeclaraties':
        for (const d of await store.eerdereDeclaraties(question.q)) snap.putDeclaratieRegel(question.q, d);
        break;
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
  for (const { pair, nummers } of toegewezen.values()) {
    for (const r of await store.toegewezen({ ...pair, toewijzingNummers: [...nummers] }))
      if (r.item.toewijzingNummer !== undefined)
        snap.putToegewezen({ ...pair, client: r.client, toewijzingNummer: r.item.toewijzingNummer }, r.item);
  }
  // A prestatie answering both batches is put once (putPrestatie files it under every key).
  const seen = new Set<string>();
  const putAll = (k: { standard: PairQuestion['standard']; aanbieder: string }, ps: readonly PrestatieRegel[]): void => {
    for (const p of ps) {
      const id = `${p.declaratieIdentificatie}|${p.item.path}`;
      if (seen.has(id)) continue;
      seen.add(id);
      snap.putPrestatie(k, p);
    }
  };
  for (const { pair, nummers } of opToewijzing.values())
    putAll(pair, await store.prestatiesOpToewijzing({ ...pair, toewijzingNummers: [...nummers] }));
  for (const { standard, aanbieder, refs } of referenties.values())
    putAll({ standard, aanbieder }, await store.prestaties({ standard, aanbieder, referentieNummers: [...refs] }));
  return snap;
}
