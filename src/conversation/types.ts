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
  // --- facts per item class (facts.ts): regie / toewijzing / verzoek, declaratie ---
  /** 301 ToegewezenProduct, 307 StopProduct, 317 TeWijzigenProduct/NieuwProduct: Einddatum; 323/325: ProductPeriode/Einddatum. */
  readonly einddatum?: string;
  /** 301: RedenWijziging (13 verwijderd, 01 administratieve correctie). */
  readonly redenWijziging?: string;
  /** 307: RedenBeeindiging (part of the StopProduct's logical key). */
  readonly redenBeeindiging?: string;
  /** 301, 315, 317: the Budget amount (the summary's `budget` says only that there is one). */
  readonly budgetBedrag?: string;
  /** 323/325: ProductReferentie/VorigReferentieNummer (a credit names the debet it reverses). */
  readonly vorigReferentie?: string;
  /** 323/325: IngediendBedrag/DebetCredit (D, C). */
  readonly debetCredit?: string;
  /** 323/325: IngediendBedrag/Bedrag, eurocent. */
  readonly bedrag?: string;
  /** 323/325: GeleverdVolume. */
  readonly geleverdVolume?: string;
  /** 323/325: Eenheid (WJ756). */
  readonly eenheid?: string;
  /** 323/325: ProductTarief, eurocent per Eenheid (absent with Eenheid 83). */
  readonly productTarief?: string;
  /** 325: the prestatie's RetourCodes. */
  readonly retourCodes?: readonly string[];
}

/** 323/325 bericht facts (facts.ts). */
export interface DeclaratieFacts {
  /** 323: DeclaratiePeriode. */
  readonly periodeBegin?: string;
  readonly periodeEind?: string;
  /** 323: Header XsdVersie as `basisschema/bericht`; 325: XsdVersieDeclaratie likewise. */
  readonly xsdVersie?: string;
  /** 325: the RetourCodes of the header and of DeclaratieAntwoord (absent when it has none). */
  readonly retourCodes?: readonly string[];
  /** 325: the whole declaratie is rejected (no DeclaratieAntwoord, or a code on it other than 8001/0200). */
  readonly afgewezen?: boolean;
}

/** A bericht's summary with conversation facts on its items. */
export interface ConversationSummary extends BerichtSummary {
  readonly items: readonly ConversationItem[];
  /** 323/325 only. */
  readonly declaratie?: DeclaratieFacts;
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

// --- declaratie questions (323/325, TR304–TR390) ---

/** A toegewezen product by its number alone (which clients it was assigned to: TR304). */
export interface ToewijzingNummerQuestion {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly toewijzingNummer: string;
}

/** The 301 lines with some ToewijzingNummers between one pair (one batch question per bericht). */
export interface ToegewezenBatch {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly toewijzingNummers: readonly string[];
}

/** One 301 line: the latest per ToewijzingNummer and client. */
export interface ToegewezenRegel {
  readonly client: string;
  readonly item: ConversationItem;
}

/** A prestatie by its ReferentieNummer, within the aanbieder's domain (TR314, TR323, TR390, TR366). */
export interface ReferentieQuestion {
  readonly standard: Standard;
  readonly aanbieder: string;
  readonly referentieNummer: string;
}

/** Prestaties of one aanbieder by some ReferentieNummers (one batch question per bericht). */
export interface ReferentieBatch {
  readonly standard: Standard;
  readonly aanbieder: string;
  readonly referentieNummers: readonly string[];
}

/** An earlier prestatie as sent in a 323, with what the 325s answering it said. */
export interface PrestatieRegel {
  readonly gemeente: string;
  /** BerichtIdentificatie of the 323 it was sent in. */
  readonly declaratieIdentificatie: string;
  readonly item: ConversationItem;
  /** False when a 325 answering its 323 rejected it (listed it, or rejected the whole declaratie). */
  readonly goedgekeurd: boolean;
}

/** A 323 by its BerichtIdentificatie (what a 325 answers: TR337, TR376, TR371). */
export interface DeclaratieIdQuestion {
  readonly standard: Standard;
  readonly aanbieder: string;
  readonly identificatie: string;
}

/** An earlier 323 as a 325 and the period rules need it. */
export interface DeclaratieRegel {
  readonly gemeente: string;
  readonly identificatie: string;
  readonly dagtekening?: string;
  readonly declaratieNummer?: string;
  readonly periodeBegin?: string;
  readonly periodeEind?: string;
  readonly xsdVersie?: string;
}

/** The pair's declaraties (TR318: the period before). */
export interface PairQuestion {
  readonly standard: Standard;
  readonly gemeente: string;
  readonly aanbieder: string;
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
  // --- declaratie questions ---
  /** The clients a ToegewezenProduct with this number was sent for (latest line per client). */
  toewijzingClienten(q: ToewijzingNummerQuestion): readonly string[];
  /** Earlier prestaties (323s that count) with this ReferentieNummer or naming it as VorigReferentieNummer. */
  prestaties(q: ReferentieQuestion): readonly PrestatieRegel[];
  /** Earlier prestaties (323s that count) on this ToewijzingNummer. */
  prestatiesOpToewijzing(q: ToewijzingNummerQuestion): readonly PrestatieRegel[];
  /** The earlier 323 with this BerichtIdentificatie. */
  declaratie(q: DeclaratieIdQuestion): DeclaratieRegel | undefined;
  /** The pair's earlier 323s that count, oldest first. */
  eerdereDeclaraties(q: PairQuestion): readonly DeclaratieRegel[];
}

/** The asynchronous twin the pipeline implements over the journal. */
export interface AsyncConversationState {
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
  // --- batches, one query per kind per bericht (a 323 has ~15,000 prestaties) ---
  /** The latest 301 line per ToewijzingNummer and client; answers the `toewijzing` and `toewijzingClienten` questions. */
  toegewezen(q: ToegewezenBatch): Promise<readonly ToegewezenRegel[]>;
  prestaties(q: ReferentieBatch): Promise<readonly PrestatieRegel[]>;
  prestatiesOpToewijzing(q: ToegewezenBatch): Promise<readonly PrestatieRegel[]>;
  declaratie(q: DeclaratieIdQuestion): Promise<DeclaratieRegel | undefined>;
  eerdereDeclaraties(q: PairQuestion): Promise<readonly DeclaratieRegel[]>;
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
  | { readonly ask: 'toewijzingNummers'; readonly q: ToewijzingNummersQuestion }
  // --- declaratie questions ---
  | { readonly ask: 'toewijzingClienten'; readonly q: ToewijzingNummerQuestion }
  | { readonly ask: 'prestaties'; readonly q: ReferentieQuestion }
  | { readonly ask: 'prestatiesOpToewijzing'; readonly q: ToewijzingNummerQuestion }
  | { readonly ask: 'declaratie'; readonly q: DeclaratieIdQuestion }
  | { readonly ask: 'eerdereDeclaraties'; readonly q: PairQuestion };
