/**
 * Which termijnen a journaled bericht opens and which it can close: a walk over its catalog entry
 * (`termijnen`, `heen`, `sluitendDoor`), never a message number. Pure: dates come in.
 *
 * An answer finds the termijn it meets by a sleutel both carry:
 *   - `heen:<nummer>:<afzender>:<identificatie>` — a retourbericht (and a 325 by its
 *     DeclaratieIdentificatie) names the heenbericht it answers;
 *   - `decl:<DeclaratieNummer>` — a 325 also names the 323's DeclaratieNummer;
 *   - `ref:<ReferentieAanbieder>` — a 301 (per ToegewezenProduct) or 319 (Antwoord) answers the
 *     AangevraagdProduct of a 315 or the Verzoek of a 317 with that reference;
 *   - `tw:<ToewijzingNummer>` — a 305 starts a toewijzing granted with retroactive effect.
 * Only termijnen anchored on a bericht Sluis sees are tracked: receipt or Dagtekening of the opener.
 * The start/end of delivery (OP271/OP272 on the event) and a rejection on the woonplaatsbeginsel
 * (OP359: only known when the answer itself comes) are not.
 */
import { CATALOG, VERZENDER, type BerichtNummer, type Termijn } from '../standard/catalog.js';
import type { Werkdagen } from '../standard/werkdagen.js';
import { plusDagen } from '../standard/werkdagen.js';
import type { BerichtSummary } from '../decision/summary.js';

/** A termijn's state. */
export const TermijnStatus = {
  /** Running: not answered, its last day not passed. */
  open: 'open',
  /** Answered on or before its last day. */
  gesloten: 'gesloten',
  /** Its last day passed unanswered (an answer that comes later is recorded, the status stays). */
  verlopen: 'verlopen',
} as const;
export type TermijnStatusCode = keyof typeof TermijnStatus;

/** The VerzoekAntwoord code for "in onderzoek" (WJ760/WMO760): the final answer is still due. */
const IN_ONDERZOEK = '2';

/** A termijn to write, as the store takes it. */
export interface NieuweTermijn {
  readonly berichtId: string;
  readonly standard: string;
  readonly bericht: BerichtNummer;
  readonly regel: string;
  /** '' when the termijn applies unconditionally. */
  readonly voorwaarde: string;
  readonly sleutel: string;
  readonly sleutels: readonly string[];
  readonly wachtOp: readonly BerichtNummer[];
  readonly gemeente: string;
  readonly aanbieder: string;
  /** The party that sent the opener (and waits for the answer). */
  readonly afzender: string;
  /** The party that owes the answer. */
  readonly schuldenaar: string;
  readonly dagtekening: string;
  /** The opener's date of receipt (Europe/Amsterdam). */
  readonly geopendOp: string;
  /** The last day an answer is in time. */
  readonly uiterlijk: string;
}

const heenKey = (nummer: BerichtNummer, afzender: string, identificatie: string): string => `heen:${nummer}:${afzender}:${identificatie}`;

/** The sleutels by which `s` answers termijnen of earlier berichten. */
export function antwoordSleutels(s: BerichtSummary): string[] {
  const keys = new Set<string>();
  if (s.heen) keys.add(heenKey(s.heen.nummer, s.heen.afzender, s.heen.identificatie));
  if (s.declaratieNummer !== undefined && s.heen) keys.add(`decl:${s.declaratieNummer}`);
  if (s.antwoord?.referentieAanbieder) keys.add(`ref:${s.antwoord.referentieAanbieder}`);
  for (const i of s.items) {
    if (i.referentieAanbieder) keys.add(`ref:${i.referentieAanbieder}`);
    if (i.toewijzingNummer) keys.add(`tw:${i.toewijzingNummer}`);
  }
  return [...keys];
}

/** Whether every bericht that meets `t` names the opener in its header (a retour, a 325). */
function answeredByHeader(opener: BerichtNummer, t: Termijn): boolean {
  return t.sluitendDoor.every((n) => CATALOG[n].heen?.nummer === opener);
}

function uiterlijk(t: Termijn, anker: string, werkdagen: Werkdagen): string {
  return t.eenheid === 'werkdagen' ? werkdagen.plusWerkdagen(anker, t.duur) : plusDagen(anker, 7 * t.duur);
}

function partijen(s: BerichtSummary, t: Termijn): Pick<NieuweTermijn, 'gemeente' | 'aanbieder' | 'afzender' | 'schuldenaar'> {
  const code = (rol: 'gemeente' | 'aanbieder'): string => (rol === 'gemeente' ? s.gemeente : s.aanbieder);
  return {
    gemeente: s.gemeente,
    aanbieder: s.aanbieder,
    afzender: code(VERZENDER[s.nummer]),
    schuldenaar: code(VERZENDER[t.sluitendDoor[0]!]),
  };
}

/** The sleutel sets of one catalog termijn for this opener: one per product, one for the bericht, or none. */
function sleutelSets(s: BerichtSummary, t: Termijn, geopendOp: string): string[][] {
  if (answeredByHeader(s.nummer, t)) {
    return [[heenKey(s.nummer, s.afzender, s.identificatie), ...(s.declaratieNummer !== undefined ? [`decl:${s.declaratieNummer}`] : [])]];
  }
  if (t.voorwaarde === 'terugwerkende-kracht') {
    // Retroactive: some toegewezen product starts before the day the toewijzing was received.
    const tw = s.items
      .filter((i) => i.datum !== undefined && i.datum < geopendOp && i.toewijzingNummer)
      .map((i) => `tw:${i.toewijzingNummer}`);
    return tw.length ? [tw] : [];
  }
  if (t.voorwaarde !== undefined) return [];
  if (t.per === 'product') return s.items.filter((i) => i.referentieAanbieder).map((i) => [`ref:${i.referentieAanbieder}`]);
  return s.verzoekReferentie !== undefined ? [[`ref:${s.verzoekReferentie}`]] : [];
}

/**
 * The termijnen a routed bericht opens on receipt. `geopendOp` is its date of receipt in the
 * Netherlands. Termijnen with a condition open later (in onderzoek) or not at all (see the header).
 */
export function opensTermijnen(q: {
  readonly berichtId: string;
  readonly summary: BerichtSummary;
  readonly geopendOp: string;
  readonly werkdagen: Werkdagen;
}): NieuweTermijn[] {
  const { summary: s, geopendOp } = q;
  const out: NieuweTermijn[] = [];
  for (const t of CATALOG[s.nummer].termijnen) {
    if (t.anker !== 'ontvangst' && t.anker !== 'dagtekening') continue;
    if (t.voorwaarde === 'in-onderzoek' || t.voorwaarde === 'woonplaatsbeginsel') continue;
    const anker = t.anker === 'ontvangst' ? geopendOp : s.dagtekening;
    for (const sleutels of sleutelSets(s, t, geopendOp)) {
      out.push({
        berichtId: q.berichtId,
        standard: s.standard,
        bericht: s.nummer,
        regel: t.regel,
        voorwaarde: t.voorwaarde ?? '',
        sleutel: sleutels[0]!,
        sleutels,
        wachtOp: t.sluitendDoor,
        ...partijen(s, t),
        dagtekening: s.dagtekening,
        geopendOp,
        uiterlijk: uiterlijk(t, anker, q.werkdagen),
      });
    }
  }
  return out;
}

/** A termijn an answer closed, as the store gives it back. */
export interface GeslotenTermijn {
  readonly berichtId: string;
  readonly standard: string;
  readonly bericht: string;
  readonly regel: string;
  readonly voorwaarde: string;
  readonly sleutel: string;
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly dagtekening: string;
  readonly geopendOp: string;
}

/**
 * The termijn that follows when an answer says "in onderzoek": the catalog's `in-onderzoek` termijn of
 * the same rule on the verzoek, from the verzoek's receipt or Dagtekening (8 weeks).
 */
export function followsInOnderzoek(answer: BerichtSummary, closed: GeslotenTermijn, werkdagen: Werkdagen): NieuweTermijn | undefined {
  if (answer.antwoord?.verzoekAntwoord !== IN_ONDERZOEK || closed.voorwaarde !== '') return undefined;
  const opener = closed.bericht as BerichtNummer;
  const entry = CATALOG[opener];
  if (!entry) return undefined;
  const t = entry.termijnen.find((x) => x.regel === closed.regel && x.voorwaarde === 'in-onderzoek');
  if (!t) return undefined;
  const anker = t.anker === 'dagtekening' ? closed.dagtekening : closed.geopendOp;
  const code = (rol: 'gemeente' | 'aanbieder'): string => (rol === 'gemeente' ? closed.gemeente : closed.aanbieder);
  return {
    berichtId: closed.berichtId,
    standard: closed.standard,
    bericht: opener,
    regel: t.regel,
    voorwaarde: 'in-onderzoek',
    sleutel: closed.sleutel,
    sleutels: [closed.sleutel],
    wachtOp: t.sluitendDoor,
    gemeente: closed.gemeente,
    aanbieder: closed.aanbieder,
    afzender: code(VERZENDER[opener]),
    schuldenaar: code(VERZENDER[t.sluitendDoor[0]!]),
    dagtekening: closed.dagtekening,
    geopendOp: closed.geopendOp,
    uiterlijk: uiterlijk(t, anker, werkdagen),
  };
}

/** An answer that says "in onderzoek": it closes the 5-day termijn but no final one. */
export function isInOnderzoek(s: BerichtSummary): boolean {
  return s.antwoord?.verzoekAntwoord === IN_ONDERZOEK;
}

/** Whether a journaled summary has every field the termijnen are made from (one of an older shape is skipped). */
export function isTermijnSummary(s: unknown): s is BerichtSummary {
  if (typeof s !== 'object' || s === null) return false;
  const o = s as Record<string, unknown>;
  const text = (k: string): boolean => typeof o[k] === 'string';
  return (
    typeof o.nummer === 'string' &&
    o.nummer in CATALOG &&
    ['standard', 'gemeente', 'aanbieder', 'afzender', 'identificatie', 'dagtekening'].every(text) &&
    Array.isArray(o.items)
  );
}
