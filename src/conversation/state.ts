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

/**
 * A question's key: its fields in code-unit order of their names, whatever order they were built in.
 * Hot (a 323 asks ~15,000 questions and its rules look each up several times): no JSON, no localeCompare.
 */
const keyOf = (q: object): string => {
  const names = Object.keys(q).sort();
  let k = '';
  for (const n of names) k += `${n}\u0001${String((q as Record<string, unknown>)[n])}\u0002`;
  return k;
};

// Typed keys for the questions a 323 asks per prestatie: fixed fields, no sorting (the hot path).
const tKey = (q: ToewijzingQuestion): string => `${q.standard}|${q.gemeente}|${q.aanbieder}|${q.toewijzingNummer}|${q.client}`;
const nKey = (q: ToewijzingNummerQuestion): string => `${q.standard}|${q.gemeente}|${q.aanbieder}|${q.toewijzingNummer}`;
const rKey = (q: ReferentieQuestion): string => `${q.standard}|${q.aanbieder}|${q.referentieNummer}`;

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
  // --- declaratie questions ---
  private readonly clienten = new Map<string, string[]>();
  private readonly perReferentie = new Map<string, PrestatieRegel[]>();
  private readonly perToewijzing = new Map<string, PrestatieRegel[]>();
  private readonly declaratieById = new Map<string, DeclaratieRegel>();
  private readonly declaratiesPerPair = new Map<string, DeclaratieRegel[]>();

  toewijzing(q: ToewijzingQuestion): ConversationItem | undefined {
    return this.toewijzingen.get(tKey(q));
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

  toewijzingClienten(q: ToewijzingNummerQuestion): readonly string[] {
    return this.clienten.get(nKey(q)) ?? [];
  }
  prestaties(q: ReferentieQuestion): readonly PrestatieRegel[] {
    return this.perReferentie.get(rKey(q)) ?? [];
  }
  prestatiesOpToewijzing(q: ToewijzingNummerQuestion): readonly PrestatieRegel[] {
    return this.perToewijzing.get(nKey(q)) ?? [];
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
    const k = nKey(q);
    const cs = this.clienten.get(k);
    if (!cs) this.clienten.set(k, [q.client]);
    else if (!cs.includes(q.client)) cs.push(q.client);
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
    for (const r of refs) if (r !== undefined) add(this.perReferentie, rKey({ ...k, referentieNummer: r }));
    if (p.item.toewijzingNummer !== undefined)
      add(this.perToewijzing, nKey({ ...k, gemeente: p.gemeente, toewijzingNummer: p.item.toewijzingNummer }));
    return this;
  }
  putDeclaratieRegel(k: PairQuestion, d: DeclaratieRegel): this {
    this.declaratieById.set(keyOf({ standard: k.standard, aanbieder: k.aanbieder, identificatie: d.identificatie }), d);
    const pk = keyOf(k);
    this.declaratiesPerPair.set(pk, [...(this.declaratiesPerPair.get(pk) ?? []), d]);
    return this;
  }

  putToewijzing(q: ToewijzingQuestion, item: ConversationItem): this {
    this.toewijzingen.set(tKey(q), item);
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

/** A question's key; the per-prestatie kinds by their typed keys (a 323 asks thousands). */
function questionKey(q: Question): string {
  switch (q.ask) {
    case 'toewijzing':
      return tKey(q.q);
    case 'toewijzingClienten':
    case 'prestatiesOpToewijzing':
      return nKey(q.q);
    case 'prestaties':
      return rKey(q.q);
    default:
      return keyOf(q.q);
  }
}

/** The questions every rule will ask for this summary, without duplicates. */
export function questionsFor(summary: ConversationSummary, rules: readonly ConversationRule[]): Question[] {
  const seen = new Set<string>();
  const out: Question[] = [];
  // Rules that share their questions (a dozen declaratie rules ask the same made-once list) are read once.
  const lists = new Set<readonly Question[]>();
  for (const r of rules) {
    if (!r.berichten.includes(summary.nummer)) continue;
    const vragen = r.vragen(summary);
    if (lists.has(vragen)) continue;
    lists.add(vragen);
    for (const q of vragen) {
      const k = `${q.ask}|${questionKey(q)}`;
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
    const k = `${pair.standard}|${pair.gemeente}|${pair.aanbieder}`;
    const g = m.get(k) ?? { pair, nummers: new Set<string>() };
    g.nummers.add(q.toewijzingNummer);
    m.set(k, g);
  };
  // The batch kinds are gathered into sets straight from the rules' lists (no key per question: a
  // 323 asks ~30,000 per list); the rest deduplicated by questionsFor's keys.
  const lists = new Set<readonly Question[]>();
  const rest: Question[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    if (!r.berichten.includes(summary.nummer)) continue;
    const vragen = r.vragen(summary);
    if (lists.has(vragen)) continue;
    lists.add(vragen);
    for (const q of vragen) {
      if (q.ask === 'toewijzing' || q.ask === 'toewijzingClienten') gather(toegewezen, q.q);
      else if (q.ask === 'prestatiesOpToewijzing') gather(opToewijzing, q.q);
      else if (q.ask === 'prestaties') {
        const k = `${q.q.standard}|${q.q.aanbieder}`;
        const g = referenties.get(k) ?? { standard: q.q.standard, aanbieder: q.q.aanbieder, refs: new Set<string>() };
        g.refs.add(q.q.referentieNummer);
        referenties.set(k, g);
      } else {
        const k = `${q.ask}|${questionKey(q)}`;
        if (!seen.has(k)) {
          seen.add(k);
          rest.push(q);
        }
      }
    }
  }
  // Every question is asked at once (PostgreSQL answers on separate connections; PGlite queues them);
  // the answers are put into the snapshot in question order, so the snapshot does not depend on timing.
  const answers = rest.map(async (question): Promise<() => void> => {
    switch (question.ask) {
      case 'declaratie': {
        const d = await store.declaratie(question.q);
        return () => {
          if (d) snap.putDeclaratieRegel({ standard: question.q.standard, gemeente: d.gemeente, aanbieder: question.q.aanbieder }, d);
        };
      }
      case 'eerdereDeclaraties': {
        const ds = await store.eerdereDeclaraties(question.q);
        return () => {
          for (const d of ds) snap.putDeclaratieRegel(question.q, d);
        };
      }
      case 'regie': {
        const r = await store.regie(question.q);
        return () => snap.putRegie(question.q, r);
      }
      case 'declaratieBekend': {
        const known = await store.declaratieBekend(question.q);
        return () => {
          if (known) snap.putDeclaratie(question.q);
        };
      }
      case 'openVerzoeken': {
        const open = await store.openVerzoeken(question.q);
        return () => snap.putOpenVerzoeken(question.q, open);
      }
      // --- regie / toewijzing / verzoek questions ---
      case 'regieVanClient': {
        const lijnen = await store.regieVanClient(question.q);
        return () => snap.putRegieVanClient(question.q, lijnen);
      }
      case 'referenties': {
        const { referenties: _refs, ...pair } = question.q;
        const hs = await store.referenties(question.q);
        return () => {
          for (const h of hs) snap.putReferentie(pair, h);
        };
      }
      case 'referentiesGebruikt': {
        const { referenties: _refs, ...who } = question.q;
        const rs = await store.referentiesGebruikt(question.q);
        return () => {
          for (const r of rs) snap.putReferentieGebruikt({ ...who, referentieAanbieder: r });
        };
      }
      case 'toewijzingenVanClient': {
        const items = await store.toewijzingenVanClient(question.q);
        return () => snap.putToewijzingenVanClient(question.q, items);
      }
      case 'toewijzingNummers': {
        const { toewijzingNummers: _nrs, ...gemeente } = question.q;
        const gs = await store.toewijzingNummers(question.q);
        return () => {
          for (const g of gs) snap.putToewijzingNummerGebruik(gemeente, g);
        };
      }
      default:
        return () => undefined;
    }
  });
  // The batches go at once (PostgreSQL answers them on separate connections).
  const [puts, lines, opT, opR] = await Promise.all([
    Promise.all(answers),
    Promise.all(
      [...toegewezen.values()].map(async ({ pair, nummers }) => ({
        pair,
        rows: await store.toegewezen({ ...pair, toewijzingNummers: [...nummers] }),
      })),
    ),
    Promise.all(
      [...opToewijzing.values()].map(async ({ pair, nummers }) => ({
        k: pair,
        rows: await store.prestatiesOpToewijzing({ ...pair, toewijzingNummers: [...nummers] }),
      })),
    ),
    Promise.all(
      [...referenties.values()].map(async ({ standard, aanbieder, refs }) => ({
        k: { standard, aanbieder },
        rows: await store.prestaties({ standard, aanbieder, referentieNummers: [...refs] }),
      })),
    ),
  ]);
  for (const put of puts) put();
  for (const { pair, rows } of lines)
    for (const r of rows)
      if (r.item.toewijzingNummer !== undefined)
        snap.putToegewezen({ ...pair, client: r.client, toewijzingNummer: r.item.toewijzingNummer }, r.item);
  // A prestatie answering both batches is put once (putPrestatie files it under every key).
  const put = new Set<string>();
  for (const { k, rows } of [...opT, ...opR])
    for (const p of rows) {
      const id = `${p.declaratieIdentificatie}|${p.item.path}`;
      if (put.has(id)) continue;
      put.add(id);
      snap.putPrestatie(k, p);
    }
  return snap;
}
