/**
 * The contract registry's data model (PRODUCT §3). A registry is configuration as code: one JSON
 * document, checked against `schemas/contract-registry.schema.json` and then against the rules a
 * schema cannot express (overlaps, profile only for taakgericht, consortium leden unique).
 *
 * Names follow the contract world's Dutch terms (wet, opdrachtnemer, onderaannemer, perceel …)
 * because a contractmanager writes and reads this file.
 */
import type { BerichtNummer } from '../standard/model.js';

/** The law a contract falls under; it selects the standard (Jeugdwet → iJw, Wmo → iWmo). */
export const Wet = {
  /** Jeugdwet: berichten in iJw 3.2. */
  Jeugdwet: 'ijw',
  /** Wet maatschappelijke ondersteuning 2015: berichten in iWmo 3.2. */
  Wmo: 'iwmo',
} as const;
export type WetNaam = keyof typeof Wet;

/** The three uitvoeringsvarianten of the standard (UP026, FACTS §11). */
export const Uitvoeringsvariant = {
  /** Price per time unit (or per piece with Eenheid 84): toewijzing with Omvang, monthly declaratie. */
  inspanningsgericht: 'inspanningsgericht',
  /** Price per agreed result (pieces 82, euro's 83, traject): toewijzing, declaratie per period/traject. */
  outputgericht: 'outputgericht',
  /** A fixed sum for a task for a population: no toewijzing or declaratie per client (FACTS §11.2). */
  taakgericht: 'taakgericht',
} as const;
export type UitvoeringsvariantCode = keyof typeof Uitvoeringsvariant;

/**
 * The named profiles for taakgericht (PRODUCT §3, seed 002 §4.2): regions differ in how much
 * berichtenverkeer they keep.
 */
export const TaakgerichtProfiel = {
  /** In principle no berichtenverkeer: only woonplaatsbeginsel handling and PxQ onderaannemers. */
  'taakgericht-minimaal': 'taakgericht-minimaal',
  /** All berichtenverkeer except declaratie 323/325, to feed stelselindicatoren (Utrecht, seed 002). */
  'taakgericht-stelselindicatoren': 'taakgericht-stelselindicatoren',
} as const;
export type TaakgerichtProfielCode = keyof typeof TaakgerichtProfiel;

/** The policy profile the decision table is keyed by: a variant, or for taakgericht its profile. */
export type PolicyProfiel = 'inspanningsgericht' | 'outputgericht' | TaakgerichtProfielCode;

/** How the opdrachtnemer (or an onderaannemer) is paid. */
export const Bekostiging = {
  /** Price × quantity: paid per unit delivered, declared per client (323). */
  PxQ: 'PxQ',
  /** A price per traject (outputgericht). */
  traject: 'traject',
  /** A fixed sum for the contract period. */
  lumpsum: 'lumpsum',
  /** A budget for a population (taakgericht). */
  populatie: 'populatie',
} as const;
export type BekostigingCode = keyof typeof Bekostiging;

/** Where a PxQ onderaannemer's berichten go (PRODUCT §3; seed 002 §5.3). */
export const BerichtenNaar = {
  /** To the gemeente, as if the onderaannemer were contracted directly. */
  gemeente: 'gemeente',
  /** Provider-to-provider, to the hoofdaannemer (the only case Sluis routes between providers). */
  hoofdaannemer: 'hoofdaannemer',
} as const;
export type BerichtenNaarCode = keyof typeof BerichtenNaar;

/** What happens to a bericht for which no contract is found, per gemeente (PRODUCT §3). */
export const GeenContractGedrag = {
  /** Deliver it, with a warning reason in the decision. */
  'route-with-warning': 'route-with-warning',
  /** Refuse it; the sender gets the machine-readable decision. */
  refuse: 'refuse',
} as const;
export type GeenContractGedragCode = keyof typeof GeenContractGedrag;

/** What to do with a 323 whose prestaties fall partly under a suppressing rule (PRODUCT §3). */
export const GemengdeDeclaratie = {
  /** Refuse the whole 323, naming the prestaties that must not be declared (the default). */
  weigeren: 'weigeren',
} as const;
export type GemengdeDeclaratieCode = keyof typeof GemengdeDeclaratie;

export interface Consortium {
  readonly naam: string;
  /** The member that represents the consortium; berichten for "the hoofdaannemer" go here. */
  readonly penvoerder: string;
  /** All members' AGB codes, the penvoerder included. */
  readonly leden: readonly string[];
}

/** Exactly one of the two. */
export type Opdrachtnemer = { readonly agb: string } | { readonly consortium: Consortium };

export interface Onderaannemer {
  readonly agb: string;
  readonly naam?: string;
  readonly bekostiging: BekostigingCode;
  /** Mandatory for PxQ (schema-enforced), absent otherwise. */
  readonly berichtenNaar?: BerichtenNaarCode;
}

export interface ContractProduct {
  /** Productcategorie (iJw 31–55, iWmo 01–18). */
  readonly categorie: string;
  /** Optional product codes; absent = every code of the category. */
  readonly codes?: readonly string[];
  /** Agreed tarieven per code (TR418, TR346); absent = none agreed in the registry. */
  readonly tarieven?: readonly ProductTarief[];
}

/** One agreed tarief for a product code, in the contract's period. */
export interface ProductTarief {
  readonly code: string;
  /** Eenheid (WJ756): 01 minuut, 04 uur, 14 etmaal, 16 dagdeel, 82/84 stuks; never 83 (euro's have no tarief). */
  readonly eenheid: string;
  /** Eurocent per eenheid. */
  readonly tarief: number;
}

/** Effective-dated: `van` inclusive, `totEnMet` inclusive, absent = open-ended. */
export interface Periode {
  readonly van: string;
  readonly totEnMet?: string;
}

/** A contract may only make its profile stricter (PRODUCT §3 "a contract may tighten them"). */
export interface Aanscherping {
  /**
   * Extra berichten to suppress. Woonplaatsbeginsel traffic is never suppressed, whatever is listed
   * here (seed 002 §4.2: only the gemeente can check it).
   */
  readonly onderdrukken?: readonly BerichtNummer[];
}

export interface Contract {
  readonly id: string;
  readonly naam?: string;
  /** Free text for the contractmanager; Sluis does not read it. */
  readonly toelichting?: string;
  readonly wet: WetNaam;
  /** CBS codes: one gemeente, or all gemeenten of a region. */
  readonly gemeenten: readonly string[];
  readonly opdrachtnemer: Opdrachtnemer;
  /** Absent = every product of the wet (the usual case for taakgericht: no product codes, seed 002 §4.2). */
  readonly producten?: readonly ContractProduct[];
  readonly periode: Periode;
  readonly uitvoeringsvariant: UitvoeringsvariantCode;
  /** Mandatory for taakgericht, absent otherwise. */
  readonly profiel?: TaakgerichtProfielCode;
  /**
   * Taakgericht only: keep the regieberichten 305–308 (without ToewijzingNummer; key Product +
   * Begindatum, IV096) under taakgericht-minimaal. Stelselindicatoren keeps them anyway.
   */
  readonly regieberichten?: boolean;
  readonly aanscherping?: Aanscherping;
  readonly bekostiging: BekostigingCode;
  readonly basisovereenkomst?: string;
  /** The perceel of the basisovereenkomst (seed 003: basis- and deelovereenkomsten). */
  readonly deelovereenkomst?: string;
  readonly onderaannemers?: readonly Onderaannemer[];
}

export interface GemeenteInstellingen {
  readonly geenContract: GeenContractGedragCode;
  /** Make the rechtszekerheid warning (PRODUCT §3) blocking: refuse instead of warn. */
  readonly rechtszekerheidBlokkerend: boolean;
  readonly gemengdeDeclaratie: GemengdeDeclaratieCode;
}

/** The defaults for a gemeente the registry does not list. */
export const DEFAULT_GEMEENTE_INSTELLINGEN: GemeenteInstellingen = {
  geenContract: 'route-with-warning',
  rechtszekerheidBlokkerend: false,
  gemengdeDeclaratie: 'weigeren',
};

/** The registry document as written (JSON). */
export interface RegistryDocument {
  readonly $schema?: string;
  readonly versie: 1;
  readonly beschrijving?: string;
  /** Settings for gemeenten not listed in `gemeenten`. */
  readonly standaard?: Partial<GemeenteInstellingen>;
  /** Per-gemeente settings keyed by CBS code. */
  readonly gemeenten?: Readonly<Record<string, Partial<GemeenteInstellingen>>>;
  readonly contracten: readonly Contract[];
}

/** The role an AGB code has in a contract. */
export type ContractRol = 'hoofdaannemer' | 'consortium-lid' | 'onderaannemer';

/** One contract with its parties, as the index keeps it. */
export interface IndexedContract {
  readonly contract: Contract;
  /** AGB code → role (opdrachtnemer, consortium leden, onderaannemers). */
  readonly partijen: ReadonlyMap<string, ContractRol>;
}

/**
 * What the decision core asks per item, prepared once per registry (src/contracts/lookup.ts,
 * `indexContracts`): the contracts of one wet and gemeente in id order, each with its parties, and
 * every gemeente's settings merged with the defaults.
 */
export interface ContractIndex {
  /** Key `${wet}|${gemeente}`; each list in id order (localeCompare), the order decisions name contracts in. */
  readonly byWetGemeente: ReadonlyMap<string, readonly IndexedContract[]>;
  /** Merged settings for the gemeenten the document lists. */
  readonly instellingen: ReadonlyMap<string, GemeenteInstellingen>;
  /** Merged settings for every other gemeente (defaults, then `standaard`). */
  readonly standaardInstellingen: GemeenteInstellingen;
}

/** A checked registry: the document plus what lookups need. Immutable; replace it as a whole. */
export interface Registry {
  readonly document: RegistryDocument;
  readonly contracten: readonly Contract[];
  readonly byId: ReadonlyMap<string, Contract>;
  readonly index: ContractIndex;
}

/** One thing wrong with a registry document: where (file, JSON path) and why. */
export interface RegistryError {
  /** The file (or `request body`, `<inline>`) the document came from. */
  readonly source: string;
  /** JSONPath-like: `$.contracten[2].periode.van`. */
  readonly path: string;
  readonly reason: string;
}
