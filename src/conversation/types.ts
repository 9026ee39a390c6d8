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
}

/** The asynchronous twin the pipeline implements over the journal. */
export interface AsyncConversationState {
  toewijzing(q: ToewijzingQuestion): Promise<ConversationItem | undefined>;
  regie(q: ToewijzingQuestion): Promise<readonly RegieRegel[]>;
  declaratieBekend(q: DeclaratieQuestion): Promise<boolean>;
  openVerzoeken(q: VerzoekenQuestion): Promise<readonly OpenVerzoek[]>;
}

export type Question =
  | { readonly ask: 'toewijzing'; readonly q: ToewijzingQuestion }
  | { readonly ask: 'regie'; readonly q: ToewijzingQuestion }
  | { readonly ask: 'declaratieBekend'; readonly q: DeclaratieQuestion }
  | { readonly ask: 'openVerzoeken'; readonly q: VerzoekenQuestion };
