/**
 * The message catalog: what each bericht MEANS, one entry per message number. iJw and iWmo share a
 * number's meaning; what differs per standard (BerichtCode, namespace, XSD versions) stays in the
 * generated model and is reached through `messageDef`. Every other table keyed by message number
 * (sender, heen/retour, policy group, item classes, logical keys, termijnen) derives from this one.
 * Element paths here are checked against the generated model for both standards (catalog.test.ts).
 */
import { MESSAGES } from './generated/model.js';
import type { ElementPath } from './access.js';
import type { MessageDef, Standard } from './model.js';

/** The three-digit message numbers shared by both standards (release 3.2). */
export const BERICHT_NUMMERS = ['301', '302', '305', '306', '307', '308', '315', '316', '317', '318', '319', '320', '323', '325'] as const;
export type BerichtNummer = (typeof BERICHT_NUMMERS)[number];

/** Short names for the berichten, for code that means one particular bericht. */
export const BerichtNaam = {
  /** 301: toewijzing of products to one client. */
  toewijzing: 'toewijzing',
  /** 302: its retourbericht. */
  toewijzingRetour: 'toewijzingRetour',
  /** 305: start of delivery (regiebericht). */
  start: 'start',
  /** 306: its retourbericht. */
  startRetour: 'startRetour',
  /** 307: stop of delivery (regiebericht). */
  stop: 'stop',
  /** 308: its retourbericht. */
  stopRetour: 'stopRetour',
  /** 315: verzoek om toewijzing (VOT). */
  verzoekOmToewijzing: 'verzoekOmToewijzing',
  /** 316: its retourbericht. */
  verzoekOmToewijzingRetour: 'verzoekOmToewijzingRetour',
  /** 317: verzoek om wijziging (VOW). */
  verzoekOmWijziging: 'verzoekOmWijziging',
  /** 318: its retourbericht. */
  verzoekOmWijzigingRetour: 'verzoekOmWijzigingRetour',
  /** 319: antwoordbericht, the functional answer to a VOT product or a VOW. */
  antwoordbericht: 'antwoordbericht',
  /** 320: its retourbericht. */
  antwoordberichtRetour: 'antwoordberichtRetour',
  /** 323: declaratie (many clients per bericht). */
  declaratie: 'declaratie',
  /** 325: declaratie-antwoord. */
  declaratieAntwoord: 'declaratieAntwoord',
} as const;
export type BerichtNaamCode = keyof typeof BerichtNaam;

/** Who physically sends a bericht. */
export const Verzender = {
  /** The gemeente (Afzender/Ontvanger LDT_Gemeente, a 4-digit CBS code). */
  gemeente: 'gemeente',
  /** The aanbieder (LDT_AgbCode, an 8-digit AGB code). */
  aanbieder: 'aanbieder',
} as const;
export type VerzenderCode = keyof typeof Verzender;

/** The three kinds of bericht, by header structure and answering duty. */
export const BerichtSoort = {
  /** Starts an exchange; own header; gets exactly one retourbericht (IV028), except 323. */
  heenbericht: 'heenbericht',
  /** The technical answer to one heenbericht: its header is the heenbericht's, plus …Retour fields. */
  retourbericht: 'retourbericht',
  /** 325: own header naming the 323 in DeclaratieIdentificatie; technical and functional answer at once (IV087). */
  'declaratie-antwoord': 'declaratie-antwoord',
} as const;
export type BerichtSoortCode = keyof typeof BerichtSoort;

/** The six message pairs the policy table is written in (a retour shares its heenbericht's group). */
export const BerichtGroep = {
  /** 301/302 toewijzing and its retour. */
  toewijzing: 'toewijzing',
  /** 305–308 start/stop (regieberichten) and their retours. */
  regie: 'regie',
  /** 315/316 verzoek om toewijzing (VOT). */
  vot: 'vot',
  /** 317/318 verzoek om wijziging (VOW). */
  vow: 'vow',
  /** 319/320 antwoordbericht. */
  antwoord: 'antwoord',
  /** 323/325 declaratie and declaratie-antwoord. */
  declaratie: 'declaratie',
} as const;
export type BerichtGroepCode = keyof typeof BerichtGroep;

/** The product-bearing classes a summary lists as items. */
export const ItemKind = {
  /** 301/302: a toewijzing (ToewijzingNummer, Ingangsdatum). */
  ToegewezenProduct: 'ToegewezenProduct',
  /** 305/306: a reported start of delivery. */
  StartProduct: 'StartProduct',
  /** 307/308: a reported stop of delivery. */
  StopProduct: 'StopProduct',
  /** 315/316: a requested product. */
  AangevraagdProduct: 'AangevraagdProduct',
  /** 317/318: a new product asked for. */
  NieuwProduct: 'NieuwProduct',
  /** 317/318: a current toewijzing to change. */
  TeWijzigenProduct: 'TeWijzigenProduct',
  /** 317/318: a current toewijzing to keep as it is. */
  OngewijzigdProduct: 'OngewijzigdProduct',
  /** 323/325: one declared prestatie. */
  Prestatie: 'Prestatie',
} as const;
export type ItemKindCode = keyof typeof ItemKind;

/** The rules of the standard that set a termijn. */
export const TermijnRegel = {
  /** Every heenbericht gets its retourbericht within 3 working days of receipt. */
  OP090: 'OP090',
  /** A 323 gets its 325 within 10 working days of receipt. */
  OP090x4: 'OP090x4',
  /** A VOT is answered per product with a 301 or 319 (and after "in onderzoek" finally within 8 weeks). */
  OP274: 'OP274',
  /** A VOW is answered as a whole with a 301 or 319 (and after "in onderzoek" finally within 8 weeks of its Dagtekening). */
  OP346: 'OP346',
  /** A VOT rejected on the woonplaatsbeginsel: within the legal 2 weeks, naming the responsible gemeente. */
  OP359: 'OP359',
  /** A 305 within 5 working days of the actual start (or of receiving a retroactive 301). */
  OP271: 'OP271',
  /** A 307 within 5 working days of the actual end. */
  OP272: 'OP272',
} as const;
export type TermijnRegelCode = keyof typeof TermijnRegel;

/** What starts a termijn's clock. */
export const TermijnAnker = {
  /** Receipt of the bericht whose entry lists the termijn. */
  ontvangst: 'ontvangst',
  /** The Dagtekening of that bericht. */
  dagtekening: 'dagtekening',
  /** The actual start of delivery (an event, not a bericht). */
  'start-levering': 'start-levering',
  /** The actual (or definitively known) end of delivery. */
  'einde-levering': 'einde-levering',
} as const;
export type TermijnAnkerCode = keyof typeof TermijnAnker;

/** When a termijn applies only in some cases. */
export const TermijnVoorwaarde = {
  /** After a 319 with VerzoekAntwoord 2 (in onderzoek): the final answer is due. */
  'in-onderzoek': 'in-onderzoek',
  /** The verzoek is rejected on the woonplaatsbeginsel (iJw, RedenAfwijzingVerzoek 8). */
  woonplaatsbeginsel: 'woonplaatsbeginsel',
  /** The toewijzing was granted with retroactive effect. */
  'terugwerkende-kracht': 'terugwerkende-kracht',
} as const;
export type TermijnVoorwaardeCode = keyof typeof TermijnVoorwaarde;

/** A deadline of the standard, as data (no engine computes it yet). */
export interface Termijn {
  /** The rule of the standard that sets it. */
  readonly regel: TermijnRegelCode;
  /** Length, in `eenheid`. */
  readonly duur: number;
  /** Working days or calendar weeks. */
  readonly eenheid: 'werkdagen' | 'weken';
  /** What starts the clock; `ontvangst`/`dagtekening` refer to the bericht whose entry lists the termijn. */
  readonly anker: TermijnAnkerCode;
  /** The berichten whose sending meets the termijn. */
  readonly sluitendDoor: readonly BerichtNummer[];
  /** `product`: runs per AangevraagdProduct; `bericht`: for the bericht as a whole. */
  readonly per: 'bericht' | 'product';
  /** Set when the termijn applies only in that case. */
  readonly voorwaarde?: TermijnVoorwaardeCode;
}

/** Which fields of an item class the summary reads, each a path relative to the class. */
export interface ItemVelden {
  /** Product category (CDT_Product/Categorie, or ProductCategorie in a prestatie). */
  readonly categorie?: ElementPath;
  /** Product code. */
  readonly code?: ElementPath;
  /** The toewijzing the item is or refers to. */
  readonly toewijzingNummer?: ElementPath;
  /** The aanbieder's reference for a requested product or a toewijzing answering it. */
  readonly referentieAanbieder?: ElementPath;
  /** 323/325: how a prestatie is named (ProductReferentie/ReferentieNummer). */
  readonly productReferentie?: ElementPath;
  /** CDT_Omvang (Volume, Eenheid, Frequentie). */
  readonly omvang?: ElementPath;
  /** Budget: the summary records only its presence. */
  readonly budget?: ElementPath;
}

/** A product-bearing class of a bericht. */
export interface ItemKlasse {
  /** The class name, also the summary item's `kind`. */
  readonly kind: ItemKindCode;
  /** Path from the Bericht root to the class element (ending in `kind`). */
  readonly pad: ElementPath;
  /** The date that selects a contract for this item; absent when the class has none (OngewijzigdProduct). */
  readonly datum?: ElementPath;
  /** The other fields the summary reads. */
  readonly velden: ItemVelden;
}

/** A class's logical key: the elements the condities/constraints table marks `Sleutelelement`. */
export interface SleutelKlasse {
  /** Path from the Bericht root to the class; its last step is the class name. */
  readonly pad: ElementPath;
  /** Key elements, relative to the class. */
  readonly sleutel: readonly ElementPath[];
  /** Set when the class exists in only one standard's XSD. */
  readonly alleen?: Standard;
}

/** The bericht-level fields the summary reads, paths from the Bericht root. */
export interface BerichtVelden {
  /** 317/318: Verzoek/ReferentieAanbieder, the key a VOW is answered by. */
  readonly verzoekReferentie?: ElementPath;
  /** 323/325: DeclaratieNummer. */
  readonly declaratieNummer?: ElementPath;
  /** 319/320: the Antwoord class and its fields, relative to it. */
  readonly antwoord?: {
    /** The Antwoord class, from the root. */
    readonly pad: ElementPath;
    /** The verzoek (315 product or 317) answered. */
    readonly referentieAanbieder: ElementPath;
    /** 1 afgewezen, 2 in onderzoek. */
    readonly verzoekAntwoord: ElementPath;
    /** Why it was rejected (8: woonplaatsbeginsel, iJw). */
    readonly redenAfwijzingVerzoek: ElementPath;
    /** iJw only: the gemeente responsible under the woonplaatsbeginsel. */
    readonly woonplaatsGemeente: { readonly pad: ElementPath; readonly alleen: Standard };
  };
}

/** Where a bericht's identification sits (paths from the Bericht root). */
export interface IdentificatiePaden {
  /** The Identificatie (unique per sender and berichtsoort). */
  readonly identificatie: ElementPath;
  /** Its Dagtekening. */
  readonly dagtekening: ElementPath;
}

/** A retourbericht's or 325's reference to the heenbericht it answers. */
export interface HeenVerwijzing {
  /** The heenbericht's message number. */
  readonly nummer: BerichtNummer;
  /** Where the heenbericht's identification sits in this bericht. */
  readonly identificatie: IdentificatiePaden;
  /** The header field holding the heenbericht's Afzender: a retour copies the heen header, a 325 names the 323's sender as Ontvanger. */
  readonly afzender: 'Header/Afzender' | 'Header/Ontvanger';
}

/** Everything the gateway knows about one message number. */
export interface BerichtEntry {
  /** The message number, the key of its entry. */
  readonly nummer: BerichtNummer;
  /** Its short name (`NUMMER[naam]` leads back here). */
  readonly naam: BerichtNaamCode;
  /** Who physically sends it (a retour is sent by the heenbericht's receiver). */
  readonly verzender: VerzenderCode;
  /** Heenbericht, retourbericht or declaratie-antwoord: decides header structure and who answers. */
  readonly soort: BerichtSoortCode;
  /** The policy group (a retour and 325 share their heenbericht's). */
  readonly groep: BerichtGroepCode;
  /** Heenberichten: the retourbericht that answers it 1-op-1 (none for 323). */
  readonly retour?: BerichtNummer;
  /** Retourberichten and 325: the heenbericht answered. */
  readonly heen?: HeenVerwijzing;
  /** This bericht's own identification (a retour's is IdentificatieRetour/DagtekeningRetour). */
  readonly identificatie: IdentificatiePaden;
  /** The functional answers the receiver sends (beyond the retourbericht). */
  readonly antwoorden: readonly BerichtNummer[];
  /** A verzoek the gemeente answers with `antwoorden`: per AangevraagdProduct (by ReferentieAanbieder) or as a whole. */
  readonly verzoek?: 'per-product' | 'geheel';
  /** Termijnen this bericht starts, or (anchored on an event) must be sent within. */
  readonly termijnen: readonly Termijn[];
  /** The product-bearing classes, in document order. */
  readonly items: readonly ItemKlasse[];
  /** Bericht-level fields the summary reads. */
  readonly velden: BerichtVelden;
  /** Logical keys per class (for TR101 and corrections); retourberichten list none. */
  readonly sleutels: readonly SleutelKlasse[];
}

// --- shared pieces (a retour repeats its heenbericht's classes) ---------------------------------

const EIGEN: IdentificatiePaden = {
  identificatie: 'Header/BerichtIdentificatie/Identificatie',
  dagtekening: 'Header/BerichtIdentificatie/Dagtekening',
};
const RETOUR_EIGEN: IdentificatiePaden = { identificatie: 'Header/IdentificatieRetour', dagtekening: 'Header/DagtekeningRetour' };
const heenIn = (nummer: BerichtNummer): HeenVerwijzing => ({ nummer, identificatie: EIGEN, afzender: 'Header/Afzender' });

const PRODUCT = { categorie: 'Product/Categorie', code: 'Product/Code' } as const;
const OMVANG = { omvang: 'Omvang', budget: 'Budget' } as const;

const TOEGEWEZEN: readonly ItemKlasse[] = [
  {
    kind: 'ToegewezenProduct',
    pad: 'Client/ToegewezenProducten/ToegewezenProduct',
    datum: 'Ingangsdatum',
    velden: { ...PRODUCT, toewijzingNummer: 'ToewijzingNummer', referentieAanbieder: 'ReferentieAanbieder', ...OMVANG },
  },
];
const START: readonly ItemKlasse[] = [
  {
    kind: 'StartProduct',
    pad: 'Client/StartProducten/StartProduct',
    datum: 'Begindatum',
    velden: { ...PRODUCT, toewijzingNummer: 'ToewijzingNummer' },
  },
];
const STOP: readonly ItemKlasse[] = [
  {
    kind: 'StopProduct',
    pad: 'Client/StopProducten/StopProduct',
    datum: 'Begindatum',
    velden: { ...PRODUCT, toewijzingNummer: 'ToewijzingNummer' },
  },
];
const AANGEVRAAGD: readonly ItemKlasse[] = [
  {
    kind: 'AangevraagdProduct',
    pad: 'Client/AangevraagdeProducten/AangevraagdProduct',
    datum: 'ToewijzingIngangsdatum',
    velden: { ...PRODUCT, referentieAanbieder: 'ReferentieAanbieder', ...OMVANG },
  },
];
const VERZOEK_WIJZIGING: readonly ItemKlasse[] = [
  {
    kind: 'OngewijzigdProduct',
    pad: 'Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct',
    velden: { toewijzingNummer: 'ToewijzingNummer' },
  },
  {
    kind: 'TeWijzigenProduct',
    pad: 'Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct',
    datum: 'GewensteIngangsdatum',
    velden: { toewijzingNummer: 'ToewijzingNummer', ...OMVANG },
  },
  {
    kind: 'NieuwProduct',
    pad: 'Client/Verzoek/NieuweProducten/NieuwProduct',
    datum: 'GewensteIngangsdatum',
    velden: { ...PRODUCT, ...OMVANG },
  },
];
const prestaties = (container: 'Declaratie' | 'DeclaratieAntwoord'): readonly ItemKlasse[] => [
  {
    kind: 'Prestatie',
    pad: `${container}/Clienten/Client/Prestaties/Prestatie`,
    datum: 'ProductPeriode/Begindatum',
    velden: {
      categorie: 'ProductCategorie',
      code: 'ProductCode',
      toewijzingNummer: 'ToewijzingNummer',
      productReferentie: 'ProductReferentie/ReferentieNummer',
    },
  },
];
const ANTWOORD: BerichtVelden = {
  antwoord: {
    pad: 'Antwoord',
    referentieAanbieder: 'ReferentieAanbieder',
    verzoekAntwoord: 'VerzoekAntwoord',
    redenAfwijzingVerzoek: 'RedenAfwijzingVerzoek',
    woonplaatsGemeente: { pad: 'Woonplaatsbeginsel/Gemeente', alleen: 'ijw' },
  },
};
const declaratieSleutels = (container: 'Declaratie' | 'DeclaratieAntwoord'): readonly SleutelKlasse[] => [
  { pad: container, sleutel: ['DeclaratieNummer'] },
  { pad: `${container}/Clienten/Client`, sleutel: ['Bsn'] },
  {
    pad: `${container}/Clienten/Client/Prestaties/Prestatie`,
    sleutel: ['ProductReferentie/ReferentieNummer', 'ProductReferentie/VorigReferentieNummer'],
  },
];

/** Every heenbericht with a retour: the retour within 3 working days of receipt. */
const retourBinnen = (retour: BerichtNummer): Termijn => ({
  regel: 'OP090',
  duur: 3,
  eenheid: 'werkdagen',
  anker: 'ontvangst',
  sluitendDoor: [retour],
  per: 'bericht',
});
/** A verzoek's answer (OP274 VOT per product, OP346 VOW as a whole): 5 working days, after "in onderzoek" 8 weeks. */
const verzoekTermijnen = (regel: 'OP274' | 'OP346', per: Termijn['per'], anker8: TermijnAnkerCode): Termijn[] => [
  { regel, duur: 5, eenheid: 'werkdagen', anker: 'ontvangst', sluitendDoor: ['301', '319'], per },
  { regel, duur: 8, eenheid: 'weken', anker: anker8, sluitendDoor: ['301', '319'], per, voorwaarde: 'in-onderzoek' },
];

// --- the catalog ----------------------------------------------------------------------------

export const CATALOG: { readonly [N in BerichtNummer]: BerichtEntry & { readonly nummer: N } } = {
  '301': {
    nummer: '301',
    naam: 'toewijzing',
    verzender: 'gemeente',
    soort: 'heenbericht',
    groep: 'toewijzing',
    retour: '302',
    identificatie: EIGEN,
    antwoorden: [],
    termijnen: [
      retourBinnen('302'),
      {
        regel: 'OP271',
        duur: 5,
        eenheid: 'werkdagen',
        anker: 'ontvangst',
        sluitendDoor: ['305'],
        per: 'bericht',
        voorwaarde: 'terugwerkende-kracht',
      },
    ],
    items: TOEGEWEZEN,
    velden: {},
    sleutels: [
      { pad: 'Client', sleutel: ['Bsn'] },
      { pad: 'Client/Relaties/Relatie', sleutel: ['Nummer'] },
      { pad: 'Client/Contactgegevens/Contact', sleutel: ['Soort'] },
      { pad: 'Client/ToegewezenProducten/ToegewezenProduct', sleutel: ['ToewijzingNummer'] },
    ],
  },
  '302': {
    nummer: '302',
    naam: 'toewijzingRetour',
    verzender: 'aanbieder',
    soort: 'retourbericht',
    groep: 'toewijzing',
    heen: heenIn('301'),
    identificatie: RETOUR_EIGEN,
    antwoorden: [],
    termijnen: [],
    items: TOEGEWEZEN,
    velden: {},
    sleutels: [],
  },
  '305': {
    nummer: '305',
    naam: 'start',
    verzender: 'aanbieder',
    soort: 'heenbericht',
    groep: 'regie',
    retour: '306',
    identificatie: EIGEN,
    antwoorden: [],
    termijnen: [
      retourBinnen('306'),
      { regel: 'OP271', duur: 5, eenheid: 'werkdagen', anker: 'start-levering', sluitendDoor: ['305'], per: 'bericht' },
    ],
    items: START,
    velden: {},
    sleutels: [
      { pad: 'Client', sleutel: ['Bsn'] },
      { pad: 'Client/StartProducten/StartProduct', sleutel: ['ToewijzingNummer', 'Product/Categorie', 'Product/Code', 'Begindatum'] },
    ],
  },
  '306': {
    nummer: '306',
    naam: 'startRetour',
    verzender: 'gemeente',
    soort: 'retourbericht',
    groep: 'regie',
    heen: heenIn('305'),
    identificatie: RETOUR_EIGEN,
    antwoorden: [],
    termijnen: [],
    items: START,
    velden: {},
    sleutels: [],
  },
  '307': {
    nummer: '307',
    naam: 'stop',
    verzender: 'aanbieder',
    soort: 'heenbericht',
    groep: 'regie',
    retour: '308',
    identificatie: EIGEN,
    antwoorden: [],
    termijnen: [
      retourBinnen('308'),
      { regel: 'OP272', duur: 5, eenheid: 'werkdagen', anker: 'einde-levering', sluitendDoor: ['307'], per: 'bericht' },
    ],
    items: STOP,
    velden: {},
    sleutels: [
      { pad: 'Client', sleutel: ['Bsn'] },
      {
        pad: 'Client/StopProducten/StopProduct',
        sleutel: ['ToewijzingNummer', 'Product/Categorie', 'Product/Code', 'Begindatum', 'RedenBeeindiging', 'Einddatum'],
      },
    ],
  },
  '308': {
    nummer: '308',
    naam: 'stopRetour',
    verzender: 'gemeente',
    soort: 'retourbericht',
    groep: 'regie',
    heen: heenIn('307'),
    identificatie: RETOUR_EIGEN,
    antwoorden: [],
    termijnen: [],
    items: STOP,
    velden: {},
    sleutels: [],
  },
  '315': {
    nummer: '315',
    naam: 'verzoekOmToewijzing',
    verzender: 'aanbieder',
    soort: 'heenbericht',
    groep: 'vot',
    retour: '316',
    identificatie: EIGEN,
    antwoorden: ['301', '319'],
    verzoek: 'per-product',
    termijnen: [
      retourBinnen('316'),
      ...verzoekTermijnen('OP274', 'product', 'ontvangst'),
      {
        regel: 'OP359',
        duur: 2,
        eenheid: 'weken',
        anker: 'ontvangst',
        sluitendDoor: ['319'],
        per: 'product',
        voorwaarde: 'woonplaatsbeginsel',
      },
    ],
    items: AANGEVRAAGD,
    velden: {},
    sleutels: [
      { pad: 'Client', sleutel: ['Bsn'] },
      { pad: 'Client/AangevraagdeProducten/AangevraagdProduct', sleutel: ['ReferentieAanbieder'] },
    ],
  },
  '316': {
    nummer: '316',
    naam: 'verzoekOmToewijzingRetour',
    verzender: 'gemeente',
    soort: 'retourbericht',
    groep: 'vot',
    heen: heenIn('315'),
    identificatie: RETOUR_EIGEN,
    antwoorden: [],
    termijnen: [],
    items: AANGEVRAAGD,
    velden: {},
    sleutels: [],
  },
  '317': {
    nummer: '317',
    naam: 'verzoekOmWijziging',
    verzender: 'aanbieder',
    soort: 'heenbericht',
    groep: 'vow',
    retour: '318',
    identificatie: EIGEN,
    antwoorden: ['301', '319'],
    verzoek: 'geheel',
    termijnen: [retourBinnen('318'), ...verzoekTermijnen('OP346', 'bericht', 'dagtekening')],
    items: VERZOEK_WIJZIGING,
    velden: { verzoekReferentie: 'Client/Verzoek/ReferentieAanbieder' },
    sleutels: [
      { pad: 'Client', sleutel: ['Bsn'] },
      { pad: 'Client/Verzoek', sleutel: ['ReferentieAanbieder'] },
      { pad: 'Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct', sleutel: ['ToewijzingNummer'] },
      { pad: 'Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct', sleutel: ['ToewijzingNummer'] },
      { pad: 'Client/Verzoek/NieuweProducten/NieuwProduct', sleutel: ['Product/Categorie', 'Product/Code', 'GewensteIngangsdatum'] },
    ],
  },
  '318': {
    nummer: '318',
    naam: 'verzoekOmWijzigingRetour',
    verzender: 'gemeente',
    soort: 'retourbericht',
    groep: 'vow',
    heen: heenIn('317'),
    identificatie: RETOUR_EIGEN,
    antwoorden: [],
    termijnen: [],
    items: VERZOEK_WIJZIGING,
    velden: { verzoekReferentie: 'Client/Verzoek/ReferentieAanbieder' },
    sleutels: [],
  },
  '319': {
    nummer: '319',
    naam: 'antwoordbericht',
    verzender: 'gemeente',
    soort: 'heenbericht',
    groep: 'antwoord',
    retour: '320',
    identificatie: EIGEN,
    antwoorden: [],
    termijnen: [retourBinnen('320')],
    items: [],
    velden: ANTWOORD,
    sleutels: [
      { pad: 'Antwoord', sleutel: ['ReferentieAanbieder', 'VerzoekAntwoord'] },
      { pad: 'Antwoord/Woonplaatsbeginsel', sleutel: ['Gemeente'], alleen: 'ijw' },
    ],
  },
  '320': {
    nummer: '320',
    naam: 'antwoordberichtRetour',
    verzender: 'aanbieder',
    soort: 'retourbericht',
    groep: 'antwoord',
    heen: heenIn('319'),
    identificatie: RETOUR_EIGEN,
    antwoorden: [],
    termijnen: [],
    items: [],
    velden: ANTWOORD,
    sleutels: [],
  },
  '323': {
    nummer: '323',
    naam: 'declaratie',
    verzender: 'aanbieder',
    soort: 'heenbericht',
    groep: 'declaratie',
    identificatie: EIGEN,
    antwoorden: ['325'],
    termijnen: [{ regel: 'OP090x4', duur: 10, eenheid: 'werkdagen', anker: 'ontvangst', sluitendDoor: ['325'], per: 'bericht' }],
    items: prestaties('Declaratie'),
    velden: { declaratieNummer: 'Declaratie/DeclaratieNummer' },
    sleutels: declaratieSleutels('Declaratie'),
  },
  '325': {
    nummer: '325',
    naam: 'declaratieAntwoord',
    verzender: 'gemeente',
    soort: 'declaratie-antwoord',
    groep: 'declaratie',
    heen: {
      nummer: '323',
      identificatie: {
        identificatie: 'Header/DeclaratieIdentificatie/Identificatie',
        dagtekening: 'Header/DeclaratieIdentificatie/Dagtekening',
      },
      afzender: 'Header/Ontvanger',
    },
    identificatie: EIGEN,
    antwoorden: [],
    termijnen: [],
    items: prestaties('DeclaratieAntwoord'),
    velden: { declaratieNummer: 'DeclaratieAntwoord/DeclaratieNummer' },
    sleutels: declaratieSleutels('DeclaratieAntwoord'),
  },
};

// --- derived tables ---------------------------------------------------------------------------

const ENTRIES: readonly BerichtEntry[] = BERICHT_NUMMERS.map((n) => CATALOG[n]);

function table<V>(f: (e: BerichtEntry) => V | undefined): Partial<Record<BerichtNummer, V>> {
  const out: Partial<Record<BerichtNummer, V>> = {};
  for (const e of ENTRIES) {
    const v = f(e);
    if (v !== undefined) out[e.nummer] = v;
  }
  return out;
}

/** The entry of a message number. */
export function bericht(nummer: BerichtNummer): BerichtEntry {
  return CATALOG[nummer];
}

/** Short name → message number, for code that means one particular bericht. */
export const NUMMER = Object.fromEntries(ENTRIES.map((e) => [e.naam, e.nummer])) as Readonly<Record<BerichtNaamCode, BerichtNummer>>;

/** Who physically sends a message of this number. */
export const VERZENDER = table((e) => e.verzender) as Readonly<Record<BerichtNummer, VerzenderCode>>;

/** The policy group of each message number. */
export const GROEP_VAN = table((e) => e.groep) as Readonly<Record<BerichtNummer, BerichtGroepCode>>;

/** Heenbericht → its retourbericht. 323 is answered by 325, which is no retourbericht. */
export const RETOUR_VAN: Readonly<Partial<Record<BerichtNummer, BerichtNummer>>> = table((e) => e.retour);

/** Retourbericht or 325 → the heenbericht it answers. */
export const HEEN_VAN: Readonly<Partial<Record<BerichtNummer, BerichtNummer>>> = table((e) => e.heen?.nummer);

/** Retourbericht → its heenbericht: HEEN_VAN without the 325, which has a header of its own. */
export const HEEN_VAN_RETOUR: Readonly<Partial<Record<BerichtNummer, BerichtNummer>>> = table((e) =>
  e.soort === 'retourbericht' ? e.heen?.nummer : undefined,
);

/** The retourberichten (their header is the heenbericht's, so their sender is its Ontvanger). */
export const RETOURBERICHTEN: readonly BerichtNummer[] = ENTRIES.filter((e) => e.soort === 'retourbericht').map((e) => e.nummer);

/** The verzoeken (VOT, VOW): the gemeente answers them with a 301 or 319. */
export const VERZOEKEN: readonly BerichtNummer[] = ENTRIES.filter((e) => e.verzoek !== undefined).map((e) => e.nummer);

const BY_STANDARD = new Map(Object.values(MESSAGES).map((m) => [`${m.standard}|${m.nummer}`, m]));

/** The per-standard facts of a message number (BerichtCode, namespace, root type) from the generated model. */
export function messageDef(standard: Standard, nummer: BerichtNummer): MessageDef {
  const m = BY_STANDARD.get(`${standard}|${nummer}`);
  if (!m) throw new Error(`no ${standard} message ${nummer} in the generated model`);
  return m;
}
