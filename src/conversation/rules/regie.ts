/**
 * The logical keys of start (305) and stop (307) lines and which of them are in effect, for the
 * regie rules (TR063, TR071, TR074, TR382). The keys are the catalog's sleutels: StartProduct
 * ToewijzingNummer, Product (Categorie, Code), Begindatum; StopProduct the same plus RedenBeeindiging
 * and Einddatum (taakgericht lines have no ToewijzingNummer: their key is Product and Begindatum).
 */
import { NUMMER } from '../../standard/catalog.js';
import { StatusAanlevering } from '../../standard/generated/codelists.js';
import type { ClientKey, ConversationItem, ConversationState, ConversationSummary, RegieLijn } from '../types.js';

type Status = keyof typeof StatusAanlevering;
export const EERSTE: Status = '1';
export const VERWIJDEREN: Status = '3';

/** The key of the start a line belongs to (a stop carries its start's key elements unchanged, TR382). */
export function startSleutel(l: Pick<RegieLijn, 'toewijzingNummer' | 'categorie' | 'code' | 'begindatum'>): string {
  return JSON.stringify([l.toewijzingNummer ?? '', l.categorie ?? '', l.code ?? '', l.begindatum ?? '']);
}

/** A line's own logical key: a start's, or a stop's (its start's plus RedenBeeindiging and Einddatum). */
export function sleutel(l: RegieLijn): string {
  return l.soort === 'start' ? startSleutel(l) : JSON.stringify([startSleutel(l), l.redenBeeindiging ?? '', l.einddatum ?? '']);
}

/** The keys in effect per soort after `lijnen` (oldest first): a 1 puts its key in effect, a 3 takes it out. */
export function inEffect(lijnen: readonly RegieLijn[]): { start: Set<string>; stop: Set<string> } {
  const out = { start: new Set<string>(), stop: new Set<string>() };
  for (const l of lijnen) {
    const k = sleutel(l);
    if (l.statusAanlevering === EERSTE) out[l.soort].add(k);
    else if (l.statusAanlevering === VERWIJDEREN) out[l.soort].delete(k);
  }
  return out;
}

/** The start keys of the stops in effect: the starts that already have a stop. */
export function gestopteStarts(lijnen: readonly RegieLijn[]): Set<string> {
  const stops = new Map<string, string>();
  for (const l of lijnen) {
    if (l.soort !== 'stop') continue;
    if (l.statusAanlevering === EERSTE) stops.set(sleutel(l), startSleutel(l));
    else if (l.statusAanlevering === VERWIJDEREN) stops.delete(sleutel(l));
  }
  return new Set(stops.values());
}

/** A summary item of a 305/307 as a line. */
export function lijnVan(soort: RegieLijn['soort'], it: ConversationItem): RegieLijn {
  return {
    soort,
    ...(it.toewijzingNummer !== undefined ? { toewijzingNummer: it.toewijzingNummer } : {}),
    ...(it.categorie !== undefined ? { categorie: it.categorie } : {}),
    ...(it.code !== undefined ? { code: it.code } : {}),
    ...(it.datum !== undefined ? { begindatum: it.datum } : {}),
    ...(it.redenBeeindiging !== undefined ? { redenBeeindiging: it.redenBeeindiging } : {}),
    ...(it.einddatum !== undefined ? { einddatum: it.einddatum } : {}),
    ...(it.statusAanlevering !== undefined ? { statusAanlevering: it.statusAanlevering } : {}),
  };
}

export interface RegieRegelVanBericht {
  readonly item: ConversationItem;
  readonly lijn: RegieLijn;
  readonly q: ClientKey;
}

/** The lines of a 305/307 with their client's question (lines without a client key are not assessed). */
export function regieLijnen(s: ConversationSummary, berichten: readonly string[]): RegieRegelVanBericht[] {
  if (!berichten.includes(s.nummer)) return [];
  const soort = s.nummer === NUMMER.start ? 'start' : 'stop';
  return s.items.flatMap((it) =>
    it.client !== undefined
      ? [
          {
            item: it,
            lijn: lijnVan(soort, it),
            q: { standard: s.standard, gemeente: s.gemeente, aanbieder: s.aanbieder, client: it.client },
          },
        ]
      : [],
  );
}

/** One regieVanClient question per client of the bericht (a 305/307 has one Client). */
export function regieVragen(s: ConversationSummary, berichten: readonly string[]): { ask: 'regieVanClient'; q: ClientKey }[] {
  const seen = new Map<string, ClientKey>();
  for (const { q } of regieLijnen(s, berichten)) seen.set(q.client, q);
  return [...seen.values()].map((q) => ({ ask: 'regieVanClient' as const, q }));
}

/** How a line is named in a finding (no BSN: the key elements only). */
export function beschrijf(l: RegieLijn): string {
  const product = [l.categorie, l.code].filter((x) => x !== undefined).join('/');
  return [
    l.toewijzingNummer !== undefined ? `ToewijzingNummer ${l.toewijzingNummer}` : 'taakgericht',
    product !== '' ? `product ${product}` : undefined,
    `Begindatum ${l.begindatum ?? '?'}`,
    l.soort === 'stop' ? `RedenBeeindiging ${l.redenBeeindiging ?? '?'}, Einddatum ${l.einddatum ?? '?'}` : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(', ');
}

/** StatusAanlevering values that send a line (TR413–TR415 say "1 of 2"; CS058 leaves only 1 in a 305/307). */
const AANLEVERING: ReadonlySet<string> = new Set<Status>(['1', '2']);
/** Whether a line sends (rather than removes) a start or stop. */
export const aangeleverd = (l: RegieLijn): boolean => AANLEVERING.has(l.statusAanlevering ?? '');

/** RedenBeeindiging 20: levering tijdelijk beëindigd (iJw JZ588 and iWmo WMO588 alike). */
export const TIJDELIJK = '20';

/**
 * The actuele stops of one start (TR413–TR415): the stops with its key elements sent earlier with 1 and
 * not removed with 3 — neither earlier nor in this bericht (a correction sends 3 and 1 together, in
 * any order: OP080) — leaving out a stop identical to `lijn` (sending the same stop again is TR074's).
 */
export function actueleStops(eerder: readonly RegieLijn[], ditBericht: readonly RegieLijn[], lijn: RegieLijn): RegieLijn[] {
  const stops = new Map<string, RegieLijn>();
  for (const l of eerder) {
    if (l.soort !== 'stop') continue;
    if (l.statusAanlevering === EERSTE) stops.set(sleutel(l), l);
    else if (l.statusAanlevering === VERWIJDEREN) stops.delete(sleutel(l));
  }
  for (const l of ditBericht) if (l.soort === 'stop' && l.statusAanlevering === VERWIJDEREN) stops.delete(sleutel(l));
  stops.delete(sleutel(lijn));
  const start = startSleutel(lijn);
  return [...stops.values()].filter((l) => startSleutel(l) === start);
}

/** The lines a 307 sends (StatusAanlevering 1 or 2), each with the actuele stops of its start. */
export function stopsNaStops(s: ConversationSummary, state: ConversationState): (RegieRegelVanBericht & { actueel: RegieLijn[] })[] {
  const regels = regieLijnen(s, [NUMMER.stop]);
  return regels.flatMap((r) => {
    if (!aangeleverd(r.lijn)) return [];
    const ditBericht = regels.filter((o) => o.q.client === r.q.client).map((o) => o.lijn);
    return [{ ...r, actueel: actueleStops(state.regieVanClient(r.q), ditBericht, r.lijn) }];
  });
}
