/**
 * The conversation: what one bericht is checked against from the berichten before it, between one
 * gemeente and one aanbieder, per domain (the standard: Jeugdwet = ijw, Wmo = iwmo) and per client.
 * A client is known only by a keyed hash of its BSN (`client`), never the BSN itself.
 *
 * The rules are pure: the state comes in as a synchronous snapshot (`ConversationState`) that the
 * pipeline prefetched from the journal (`AsyncConversationState`), today's date as an argument.
 */
import type { Standard } from '../standard/model.js';
import type { BerichtSummary, SummaryItem } from '../decision/summary.js';

/** A summary item with the conversation's facts (facts.ts adds them; the journal keeps them). */
export interface ConversationItem extends SummaryItem {
  /** Keyed hash of the BSN of the Client the item belongs to. */
  readonly client?: string;
  /** 305/307 (and wherever the class carries it): StatusAanlevering (1 eerste, 2 gewijzigd, 3 verwijderen). */
  readonly statusAanlevering?: string;
  // --- regie / toewijzing / verzoek facts (305/307, 301, 317) ---
  /** 301 ToegewezenProduct, 307 StopProduct, 317 TeWijzigenProduct/NieuwProduct: Einddatum. */
  readonly einddatum?: string;
  /** 301: RedenWijziging (13 verwijderd, 01 administratieve correctie). */
  readonly redenWijziging?: string;
  /** 307: RedenBeeindiging (part of the StopProduct's logical key). */
  readonly redenBeeindiging?: string;
  /** 301, 315, 317: the Budget amount (the summary's `budget` says only that there is one). */
  readonly budgetWaarde?: string;
  /** 323/325 Prestatie: what was delivered and asked for (TR346, TR418). */
  readonly prestatie?: PrestatieFeiten;
}

/** A prestatie's amounts as the bericht states them (integers as written: eurocent, units of Eenheid). */
export interface PrestatieFeiten {
  readonly geleverdVolume: string;
  /** Eenheid (WJ756). */
  readonly eenheid: string;
  /** Eurocent per Eenheid; absent with Eenheid 83 (euro's). */
  readonly productTarief?: string;
  /** IngediendBedrag/Bedrag, eurocent. */
  readonly bedrag: string;
  /** IngediendBedrag/DebetCredit: D or C. */
  readonly debetCredit: string;
}

/** A bericht's summary with conversation facts on its items. */
export interface ConversationSummary extends BerichtSummary {
  readonly items: readonly ConversationItem[];
}

/** One client of one gemeente–aanbieder pair in one domain. */
export interface ClientKey {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly client: string;
}

export interface ToewijzingQuestion extends ClientKey {
  readonly toewijzingNummer: string;
}

/** One start (305) or stop (307) product line, as sent earlier, in journal order. */
export interface RegieRegel {
  readonly soort: 'start' | 'stop';
  readonly begindatum?: string;
  readonly statusAanlevering?: string;
}

export interface DeclaratieQuestion {
  readonly standard: Standard;
  readonly aanbieder: string;
  readonly declaratieNummer: string;
}

/** The aanbieder's verzoeken for one client (any gemeente), in the domain. */
export interface VerzoekenQuestion {
  readonly standard: Standard;
  readonly aanbieder: string;
  readonly client: string;
}

/** A verzoek (315 product or 317) not yet answered by a 301 or a 319 "afgewezen" with its ReferentieAanbieder. */
export interface OpenVerzoek {
  readonly referentieAanbieder: string;
  readonly gemeente: string;
}

// --- regie / toewijzing / verzoek questions (305/307, 301, 315/317, 319) ---------------------------

/** One start (305) or stop (307) line sent for a client, with its logical key, in journal order. */
export interface RegieLijn {
  readonly soort: 'start' | 'stop';
  readonly toewijzingNummer?: string;
  readonly categorie?: string;
  readonly code?: string;
  readonly begindatum?: string;
  /** 307 only (key elements of a StopProduct). */
  readonly redenBeeindiging?: string;
  readonly einddatum?: string;
  readonly statusAanlevering?: string;
}

/** Several ReferentieAanbieder values between one gemeente and one aanbieder (one query per bericht). */
export interface ReferentiesQuestion {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly referenties: readonly string[];
}

/** One ReferentieAanbieder between one gemeente and one aanbieder. */
export interface ReferentieKey {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly referentieAanbieder: string;
}

/** What was sent earlier carrying one ReferentieAanbieder, between one gemeente and one aanbieder. */
export interface ReferentieHistorie {
  readonly referentieAanbieder: string;
  /** The 315 products and 317s that carried it, with their client's key. */
  readonly verzoeken: readonly { readonly nummer: string; readonly client?: string }[];
  /** The 301 lines that carried it, with their client's key. */
  readonly toewijzingen: readonly { readonly client?: string }[];
  /** The VerzoekAntwoord of each 319 that carried it, oldest first. */
  readonly antwoorden: readonly string[];
}

/** Several ReferentieAanbieder values of one aanbieder in the domain, to any gemeente (TR347). */
export interface ReferentiesGebruiktQuestion {
  readonly standard: Standard;
  readonly aanbieder: string;
  readonly referenties: readonly string[];
}

/** One ReferentieAanbieder of one aanbieder in the domain. */
export interface ReferentieGebruiktKey {
  readonly standard: Standard;
  readonly aanbieder: string;
  readonly referentieAanbieder: string;
}

/** Several ToewijzingNummers of one gemeente in the domain, to any aanbieder (TR332). */
export interface ToewijzingNummersQuestion {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly toewijzingNummers: readonly string[];
}

/** One ToewijzingNummer of one gemeente in the domain. */
export interface ToewijzingNummerKey {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly toewijzingNummer: string;
}

/** A 301 line sent earlier with a ToewijzingNummer: to whom, for whom, which product. */
export interface ToewijzingGebruik {
  readonly toewijzingNummer: string;
  readonly aanbieder: string;
  readonly client?: string;
  readonly categorie?: string;
  readonly code?: string;
}

/** The questions a rule may ask, as a snapshot (pure). */
export interface ConversationState {
  /** The latest toegewezen product (301 line) with this ToewijzingNummer for this client, when one was sent. */
  toewijzing(q: ToewijzingQuestion): ConversationItem | undefined;
  /** Every start and stop line sent for this ToewijzingNummer and client, oldest first. */
  regie(q: ToewijzingQuestion): readonly RegieRegel[];
  /** Whether this aanbieder already sent a 323 with this DeclaratieNummer in the domain. */
  declaratieBekend(q: DeclaratieQuestion): boolean;
  /** The aanbieder's open verzoeken for this client. */
  openVerzoeken(q: VerzoekenQuestion): readonly OpenVerzoek[];
  // --- regie / toewijzing / verzoek questions ---
  /** Every start and stop line sent for this client in the pair, oldest first. */
  regieVanClient(q: ClientKey): readonly RegieLijn[];
  /** What carried this ReferentieAanbieder earlier in the pair (empty lists when nothing did). */
  referentie(q: ReferentieKey): ReferentieHistorie;
  /** Whether the aanbieder already sent a 315 product or 317 with this ReferentieAanbieder in the domain. */
  referentieGebruikt(q: ReferentieGebruiktKey): boolean;
  /** The latest version of every 301 line sent for this client in the pair (one per ToewijzingNummer). */
  toewijzingenVanClient(q: ClientKey): readonly ConversationItem[];
  /** The 301 lines the gemeente sent earlier with this ToewijzingNummer in the domain. */
  toewijzingNummerGebruik(q: ToewijzingNummerKey): readonly ToewijzingGebruik[];
}

/** The asynchronous twin the pipeline implements over the journal. */
export interface AsyncConversationState {
  toewijzing(q: ToewijzingQuestion): Promise<ConversationItem | undefined>;
  regie(q: ToewijzingQuestion): Promise<readonly RegieRegel[]>;
  declaratieBekend(q: DeclaratieQuestion): Promise<boolean>;
  openVerzoeken(q: VerzoekenQuestion): Promise<readonly OpenVerzoek[]>;
  // --- regie / toewijzing / verzoek questions (one query each) ---
  regieVanClient(q: ClientKey): Promise<readonly RegieLijn[]>;
  /** One history per asked reference (empty lists when nothing carried it). */
  referenties(q: ReferentiesQuestion): Promise<readonly ReferentieHistorie[]>;
  /** The asked references the aanbieder already used. */
  referentiesGebruikt(q: ReferentiesGebruiktQuestion): Promise<readonly string[]>;
  toewijzingenVanClient(q: ClientKey): Promise<readonly ConversationItem[]>;
  /** Every earlier 301 line with one of the asked numbers. */
  toewijzingNummers(q: ToewijzingNummersQuestion): Promise<readonly ToewijzingGebruik[]>;
}

export type Question =
  | { readonly ask: 'toewijzing'; readonly q: ToewijzingQuestion }
  | { readonly ask: 'regie'; readonly q: ToewijzingQuestion }
  | { readonly ask: 'declaratieBekend'; readonly q: DeclaratieQuestion }
  | { readonly ask: 'openVerzoeken'; readonly q: VerzoekenQuestion }
  // --- regie / toewijzing / verzoek questions ---
  | { readonly ask: 'regieVanClient'; readonly q: ClientKey }
  | { readonly ask: 'referenties'; readonly q: ReferentiesQuestion }
  | { readonly ask: 'referentiesGebruikt'; readonly q: ReferentiesGebruiktQuestion }
  | { readonly ask: 'toewijzingenVanClient'; readonly q: ClientKey }
  | { readonly ask: 'toewijzingNummers'; readonly q: ToewijzingNummersQuestion };
