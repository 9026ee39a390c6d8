/**
 * What the declaratie rules (323/325) share: the prestaties of a summary with the questions they
 * ask, and how a finding names a prestatie. Not a rule itself.
 */
import { CATALOG, NUMMER } from '../../standard/catalog.js';
import type { ConversationFinding } from '../rule.js';
import type {
  ConversationItem,
  ConversationState,
  ConversationSummary,
  DeclaratieIdQuestion,
  DeclaratieRegel,
  PrestatieRegel,
  ReferentieQuestion,
  ToewijzingQuestion,
} from '../types.js';

/** The class the prestatie rules mark: `Declaratie/Clienten/Client/Prestaties/Prestatie`. */
export const PRESTATIE = CATALOG[NUMMER.declaratie].items[0]!.pad;
/** The same class in a 325. */
export const ANTWOORD_PRESTATIE = CATALOG[NUMMER.declaratieAntwoord].items[0]!.pad;

export interface DeclaredPrestatie {
  readonly item: ConversationItem;
  /** The question for its toegewezen product (with its client). */
  readonly q: ToewijzingQuestion;
}

/**
 * Per summary, what several rules derive from it alike (a 323's ~15,000 prestaties, each rule asking):
 * made once. Keyed by the summary object, which the pipeline does not change while the rules run.
 */
export function once<T>(f: (s: ConversationSummary) => T): (s: ConversationSummary) => T {
  const made = new WeakMap<ConversationSummary, T>();
  return (s) => {
    if (made.has(s)) return made.get(s)!;
    const v = f(s);
    made.set(s, v);
    return v;
  };
}

/** The prestaties of a 323 that carry a ToewijzingNummer and a client. */
export const declared = once((s: ConversationSummary): readonly DeclaredPrestatie[] => {
  if (s.nummer !== NUMMER.declaratie) return [];
  const out: DeclaredPrestatie[] = [];
  for (const it of s.items) {
    if (it.toewijzingNummer === undefined || it.client === undefined) continue;
    out.push({
      item: it,
      q: { standard: s.standard, gemeente: s.gemeente, aanbieder: s.aanbieder, client: it.client, toewijzingNummer: it.toewijzingNummer },
    });
  }
  return out;
});

/** The `toewijzing` questions of a 323's prestaties (the pipeline asks them as one batch). */
export const toewijzingVragen = once((s: ConversationSummary) => declared(s).map(({ q }) => ({ ask: 'toewijzing' as const, q })));

/** Each prestatie with the toegewezen product it names, when Sluis knows it (TR338 reports the others). */
export function withToewijzing(
  s: ConversationSummary,
  state: ConversationState,
): readonly (DeclaredPrestatie & { readonly t: ConversationItem })[] {
  // Made once per summary and state: a dozen rules walk a 323's prestaties with their 301 lines.
  let perState = gekoppeld.get(s);
  if (!perState) gekoppeld.set(s, (perState = new WeakMap()));
  const made = perState.get(state);
  if (made) return made;
  const out = declared(s).flatMap((p) => {
    const t = state.toewijzing(p.q);
    return t ? [{ ...p, t }] : [];
  });
  perState.set(state, out);
  return out;
}
const gekoppeld = new WeakMap<
  ConversationSummary,
  WeakMap<ConversationState, readonly (DeclaredPrestatie & { readonly t: ConversationItem })[]>
>();

/** The ReferentieNummer question of a prestatie. */
export const referentieQ = (s: ConversationSummary, referentieNummer: string): ReferentieQuestion => ({
  standard: s.standard,
  aanbieder: s.aanbieder,
  referentieNummer,
});

/** `prestatie RN001` in a finding's text. */
export const naam = (it: ConversationItem): string =>
  it.productReferentie !== undefined ? `prestatie ${it.productReferentie}` : 'prestatie';

export function finding(rule: { readonly id: string; readonly retourCode: string }, path: string, text: string): ConversationFinding {
  return { rule: rule.id, retourCode: rule.retourCode, path, text };
}

/** IngediendBedrag/DebetCredit (COD043). */
export const DEBET = 'D';
export const CREDIT = 'C';

/** The `prestaties` questions for every ReferentieNummer and VorigReferentieNummer of a 323. */
export const referentieVragen = once((s: ConversationSummary) => {
  if (s.nummer !== NUMMER.declaratie) return [];
  const refs = new Set<string>();
  for (const it of s.items) {
    if (it.productReferentie !== undefined) refs.add(it.productReferentie);
    if (it.vorigReferentie !== undefined) refs.add(it.vorigReferentie);
  }
  return [...refs].map((r) => ({ ask: 'prestaties' as const, q: referentieQ(s, r) }));
});

/** The `prestatiesOpToewijzing` question of an item (the pair's, by its ToewijzingNummer). */
export const opToewijzingQ = (s: ConversationSummary, toewijzingNummer: string) => ({
  standard: s.standard,
  gemeente: s.gemeente,
  aanbieder: s.aanbieder,
  toewijzingNummer,
});

/** The VorigReferentieNummers of the credits among `items` (this bericht's, made once per summary). */
export const creditsIn = (items: readonly ConversationItem[]): Set<string> =>
  new Set(items.flatMap((it) => (it.debetCredit === CREDIT && it.vorigReferentie !== undefined ? [it.vorigReferentie] : [])));
export const creditsHier = once((s: ConversationSummary) => creditsIn(s.items));

/** The VorigReferentieNummers of the approved earlier credits among `eerder`. */
export const creditsEerder = (eerder: readonly PrestatieRegel[]): Set<string> =>
  creditsIn(eerder.filter((p) => p.goedgekeurd).map((p) => p.item));

/** The 323 a 325 answers: its DeclaratieIdentificatie, from the aanbieder it is sent to. */
export function beantwoord(s: ConversationSummary): DeclaratieIdQuestion | undefined {
  if (s.nummer !== NUMMER.declaratieAntwoord || s.heen === undefined || s.heen.identificatie === '') return undefined;
  return { standard: s.standard, aanbieder: s.aanbieder, identificatie: s.heen.identificatie };
}

/** The `declaratie` question of a 325. */
export const declaratieVraag = (s: ConversationSummary) => {
  const q = beantwoord(s);
  return q ? [{ ask: 'declaratie' as const, q }] : [];
};

/** The 323 a 325 answers, when Sluis has it from this gemeente's aanbieder (TR337 reports the others). */
export function beantwoordeDeclaratie(s: ConversationSummary, state: ConversationState): DeclaratieRegel | undefined {
  const q = beantwoord(s);
  const d = q && state.declaratie(q);
  return d && d.gemeente === s.gemeente ? d : undefined;
}
