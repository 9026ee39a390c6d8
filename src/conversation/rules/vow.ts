/**
 * The verzoek om wijziging (317) rules' shared question and reading: the client's toegewezen
 * producten as they now stand (the latest 301 line per ToewijzingNummer in the gemeente–aanbieder
 * pair) and which of them are actueel.
 */
import { CATALOG, NUMMER } from '../../standard/catalog.js';
import type { ClientKey, ConversationItem, ConversationState, ConversationSummary, Question } from '../types.js';
import { dateAfter } from './tr135.js';

/** RedenWijziging (JZ002/WMO002) values that, with Einddatum = Ingangsdatum, make a toewijzing void. */
const VERVALLEN = new Set(['01', '13']);

/** The Verzoek class, from the Bericht root (where findings on the VOW as a whole point). */
export const VERZOEK_KLASSE = CATALOG[NUMMER.verzoekOmWijziging].velden.verzoekReferentie!.replace(/\/ReferentieAanbieder$/, '');
export const VERZOEK_PAD = `/Bericht/${VERZOEK_KLASSE}`;

/** The 317's client question (its one Client); undefined for other berichten or without a client key. */
export function vowVraag(s: ConversationSummary): ClientKey | undefined {
  if (s.nummer !== NUMMER.verzoekOmWijziging) return undefined;
  const client = s.items.find((it) => it.client !== undefined)?.client;
  return client === undefined ? undefined : { standard: s.standard, gemeente: s.gemeente, aanbieder: s.aanbieder, client };
}

export function vowVragen(s: ConversationSummary): Question[] {
  const q = vowVraag(s);
  return q ? [{ ask: 'toewijzingenVanClient', q }] : [];
}

/** The client's toegewezen producten by ToewijzingNummer (the latest version of each). */
export function toewijzingenVan(s: ConversationSummary, state: ConversationState): Map<string, ConversationItem> | undefined {
  const q = vowVraag(s);
  if (!q) return undefined;
  return new Map(
    state.toewijzingenVanClient(q).flatMap((t) => (t.toewijzingNummer !== undefined ? [[t.toewijzingNummer, t] as const] : [])),
  );
}

/**
 * Actueel (TR349's toelichting): valid on the verzoek's Dagtekening or later (no Einddatum, or an Einddatum not before
 * that date; a future Ingangsdatum is covered by that), and not void: Einddatum = Ingangsdatum with
 * RedenWijziging 13 (verwijderd) or 01 (administratieve correctie).
 */
export function actueel(t: ConversationItem, peildatum: string): boolean {
  if (t.einddatum !== undefined && t.datum !== undefined && t.einddatum === t.datum && VERVALLEN.has(t.redenWijziging ?? '')) return false;
  return t.einddatum === undefined || !dateAfter(peildatum, t.einddatum);
}

/** The items of the 317 of one kind. */
export function vowItems(s: ConversationSummary, kind: ConversationItem['kind']): ConversationItem[] {
  return s.nummer === NUMMER.verzoekOmWijziging ? s.items.filter((it) => it.kind === kind) : [];
}

/** Each TeWijzigenProduct with the toewijzing it names (its latest 301 line for the client); none without the state. */
export function teWijzigenMetToewijzing(
  s: ConversationSummary,
  state: ConversationState,
): { readonly it: ConversationItem; readonly t: ConversationItem }[] {
  const toewijzingen = toewijzingenVan(s, state);
  if (!toewijzingen) return [];
  return vowItems(s, 'TeWijzigenProduct').flatMap((it) => {
    const t = it.toewijzingNummer !== undefined ? toewijzingen.get(it.toewijzingNummer) : undefined;
    return t ? [{ it, t }] : [];
  });
}
