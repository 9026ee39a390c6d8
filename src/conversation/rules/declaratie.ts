/**
 * What the declaratie rules (323/325) share: the prestaties of a summary with the questions they
 * ask, and how a finding names a prestatie. Not a rule itself.
 */
import { CATALOG, NUMMER } from '../../standard/catalog.js';
import type { BerichtNummer } from '../../standard/model.js';
import type { ConversationFinding } from '../rule.js';
import type { ConversationItem, ConversationState, ConversationSummary, ReferentieQuestion, ToewijzingQuestion } from '../types.js';

/** The class the prestatie rules mark: `Declaratie/Clienten/Client/Prestaties/Prestatie`. */
export const PRESTATIE = CATALOG[NUMMER.declaratie].items[0]!.pad;
/** The same class in a 325. */
export const ANTWOORD_PRESTATIE = CATALOG[NUMMER.declaratieAntwoord].items[0]!.pad;

export interface DeclaredPrestatie {
  readonly item: ConversationItem;
  /** The question for its toegewezen product (with its client). */
  readonly q: ToewijzingQuestion;
}

/** The prestaties of a 323 (or, with `nummer`, a 325) that carry a ToewijzingNummer and a client. */
export function declared(s: ConversationSummary, nummer: BerichtNummer = NUMMER.declaratie): DeclaredPrestatie[] {
  if (s.nummer !== nummer) return [];
  const out: DeclaredPrestatie[] = [];
  for (const it of s.items) {
    if (it.toewijzingNummer === undefined || it.client === undefined) continue;
    out.push({
      item: it,
      q: { standard: s.standard, gemeente: s.gemeente, aanbieder: s.aanbieder, client: it.client, toewijzingNummer: it.toewijzingNummer },
    });
  }
  return out;
}

/** The `toewijzing` questions of a 323's prestaties (the pipeline asks them as one batch). */
export const toewijzingVragen = (s: ConversationSummary) => declared(s).map(({ q }) => ({ ask: 'toewijzing' as const, q }));

/** Each prestatie with the toegewezen product it names, when Sluis knows it (TR338 reports the others). */
export function withToewijzing(s: ConversationSummary, state: ConversationState): (DeclaredPrestatie & { readonly t: ConversationItem })[] {
  return declared(s).flatMap((p) => {
    const t = state.toewijzing(p.q);
    return t ? [{ ...p, t }] : [];
  });
}

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
