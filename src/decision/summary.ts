/**
 * summarize: a typed bericht → the small, BSN-free summary the decision core works on. It carries
 * what selects a contract (PRODUCT §3): the parties, and per product line / prestatie its product
 * and selecting date — 301 Ingangsdatum, 315 ToewijzingIngangsdatum, 305/307 Begindatum,
 * 317 GewensteIngangsdatum, 323 ProductPeriode/Begindatum. Retours and antwoorden carry a reference
 * to their heenbericht; the decision core asks the state for that heenbericht's items.
 *
 * Never copies a BSN, name, address or birth date: the summary is journaled and logged.
 */
import type { BerichtId, BerichtNummer, MessageDef, Standard } from '../standard/model.js';

/** Who physically sends a message of this number (FACTS §2; retour headers copy the heen header, §4.2). */
export const VERZENDER: Readonly<Record<BerichtNummer, 'gemeente' | 'aanbieder'>> = {
  '301': 'gemeente',
  '302': 'aanbieder',
  '305': 'aanbieder',
  '306': 'gemeente',
  '307': 'aanbieder',
  '308': 'gemeente',
  '315': 'aanbieder',
  '316': 'gemeente',
  '317': 'aanbieder',
  '318': 'gemeente',
  '319': 'gemeente',
  '320': 'aanbieder',
  '323': 'aanbieder',
  '325': 'gemeente',
};

/** Retourbericht → the heenbericht it answers (325 answers 323 through DeclaratieIdentificatie). */
export const HEEN_VAN: Partial<Record<BerichtNummer, BerichtNummer>> = {
  '302': '301',
  '306': '305',
  '308': '307',
  '316': '315',
  '318': '317',
  '320': '319',
  '325': '323',
};

export type ItemKind =
  | 'ToegewezenProduct'
  | 'StartProduct'
  | 'StopProduct'
  | 'AangevraagdProduct'
  | 'NieuwProduct'
  | 'TeWijzigenProduct'
  | 'OngewijzigdProduct'
  | 'Prestatie';

/** One product line or prestatie: what selects its contract. */
export interface SummaryItem {
  readonly kind: ItemKind;
  /** 1-based position among the bericht's items of this kind, in document order. */
  readonly index: number;
  /** Element path with 1-based indexes, e.g. `/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[1]`. */
  readonly path: string;
  /** The selecting date (PRODUCT §3); absent when the item has none (OngewijzigdProduct). */
  readonly datum?: string;
  readonly categorie?: string;
  readonly code?: string;
  readonly toewijzingNummer?: string;
  readonly referentieAanbieder?: string;
  /** 323/325: ProductReferentie/ReferentieNummer — how a prestatie is named in reasons. */
  readonly productReferentie?: string;
  readonly omvang?: { readonly volume: string; readonly eenheid: string; readonly frequentie: string };
  readonly budget?: boolean;
}

/** The header fields of the heenbericht a retour (or 325) answers. */
export interface HeenRef {
  readonly nummer: BerichtNummer;
  /** The heenbericht's Afzender (copied unchanged into the retour header, FACTS §4.2). */
  readonly afzender: string;
  readonly identificatie: string;
  readonly dagtekening: string;
}

/** 319/320 content. */
export interface AntwoordSummary {
  readonly referentieAanbieder: string;
  /** 1 afgewezen, 2 in onderzoek (WJ760). */
  readonly verzoekAntwoord: string;
  readonly redenAfwijzingVerzoek?: string;
  /** iJw only: Woonplaatsbeginsel/Gemeente. */
  readonly woonplaatsGemeente?: string;
}

/** The result of the woonplaatsbeginsel check, attached by the enrich step (src/woonplaats). */
export interface WoonplaatsCheck {
  /** The gemeente Sluis expects to be responsible, as a current CBS code; absent when unknown. */
  readonly verwachteGemeente?: string;
  /** The gemeente in the header (the one asked / answering). */
  readonly headerGemeente: string;
  /** Where the expectation comes from: `brp-lookup`, `postcode-tabel`, `319-reden-8`, … */
  readonly bron: string;
  readonly zekerheid: 'hoog' | 'midden' | 'laag' | 'onbekend';
  /** True when an expectation exists and differs from the header gemeente (after herindeling). */
  readonly afwijking: boolean;
  /** Human notes (no personal data): e.g. "jeugdhulp met verblijf: the address before the stay counts". */
  readonly toelichting: readonly string[];
}

export interface BerichtSummary {
  readonly id: BerichtId;
  readonly standard: Standard;
  readonly nummer: BerichtNummer;
  readonly berichtCode: string;
  readonly afzender: string;
  readonly ontvanger: string;
  /** Who physically sends it. */
  readonly verzender: 'gemeente' | 'aanbieder';
  /** The CBS code of the gemeente party, whichever header field holds it. */
  readonly gemeente: string;
  /** The AGB code of the aanbieder party. */
  readonly aanbieder: string;
  /** Identificatie of this bericht (retours: IdentificatieRetour). */
  readonly identificatie: string;
  readonly dagtekening: string;
  /** Retours and 325: the heenbericht answered. */
  readonly heen?: HeenRef;
  readonly items: readonly SummaryItem[];
  /** 317: the Verzoek's ReferentieAanbieder. */
  readonly verzoekReferentie?: string;
  readonly antwoord?: AntwoordSummary;
  /** 323: DeclaratieNummer; 325 likewise. */
  readonly declaratieNummer?: string;
  /** Attached by the enrich step; never computed by summarize. */
  readonly woonplaats?: WoonplaatsCheck;
}

type Node = Record<string, unknown>;

function obj(v: unknown): Node | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
function arr(v: unknown): Node[] {
  if (Array.isArray(v)) return v.map(obj).filter((x): x is Node => x !== undefined);
  const o = obj(v);
  return o ? [o] : [];
}
function at(n: Node | undefined, ...names: string[]): unknown {
  let cur: unknown = n;
  for (const name of names) cur = obj(cur)?.[name];
  return cur;
}

export class SummaryError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'SummaryError';
  }
}

function product(n: Node, catField = 'Product'): Pick<SummaryItem, 'categorie' | 'code'> {
  const p = obj(n[catField]);
  const categorie = str(p?.Categorie);
  const code = str(p?.Code);
  return { ...(categorie !== undefined ? { categorie } : {}), ...(code !== undefined ? { code } : {}) };
}

function omvang(n: Node): Pick<SummaryItem, 'omvang' | 'budget'> {
  const o = obj(n.Omvang);
  const volume = str(o?.Volume);
  const eenheid = str(o?.Eenheid);
  const frequentie = str(o?.Frequentie);
  return {
    ...(volume !== undefined && eenheid !== undefined && frequentie !== undefined ? { omvang: { volume, eenheid, frequentie } } : {}),
    ...(n.Budget !== undefined ? { budget: true } : {}),
  };
}

function opt<K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, string>);
}

/** The item lists of the client-level structure shared by heen- and retourberichten (retours repeat the heen classes). */
function clientItems(nummer: BerichtNummer, root: Node): SummaryItem[] {
  const client = obj(root.Client);
  const items: SummaryItem[] = [];
  const push = (kind: ItemKind, base: string, list: Node[], f: (n: Node) => Omit<SummaryItem, 'kind' | 'index' | 'path'>): void => {
    list.forEach((n, i) => items.push({ kind, index: i + 1, path: `${base}/${kind}[${i + 1}]`, ...f(n) }));
  };
  switch (nummer) {
    case '301':
    case '302':
      push(
        'ToegewezenProduct',
        '/Bericht/Client/ToegewezenProducten',
        arr(at(client, 'ToegewezenProducten', 'ToegewezenProduct')),
        (n) => ({
          ...opt('datum', str(n.Ingangsdatum)),
          ...product(n),
          ...opt('toewijzingNummer', str(n.ToewijzingNummer)),
          ...opt('referentieAanbieder', str(n.ReferentieAanbieder)),
          ...omvang(n),
        }),
      );
      break;
    case '305':
    case '306':
      push('StartProduct', '/Bericht/Client/StartProducten', arr(at(client, 'StartProducten', 'StartProduct')), (n) => ({
        ...opt('datum', str(n.Begindatum)),
        ...product(n),
        ...opt('toewijzingNummer', str(n.ToewijzingNummer)),
      }));
      break;
    case '307':
    case '308':
      push('StopProduct', '/Bericht/Client/StopProducten', arr(at(client, 'StopProducten', 'StopProduct')), (n) => ({
        ...opt('datum', str(n.Begindatum)),
        ...product(n),
        ...opt('toewijzingNummer', str(n.ToewijzingNummer)),
      }));
      break;
    case '315':
    case '316':
      push(
        'AangevraagdProduct',
        '/Bericht/Client/AangevraagdeProducten',
        arr(at(client, 'AangevraagdeProducten', 'AangevraagdProduct')),
        (n) => ({
          ...opt('datum', str(n.ToewijzingIngangsdatum)),
          ...product(n),
          ...opt('referentieAanbieder', str(n.ReferentieAanbieder)),
          ...omvang(n),
        }),
      );
      break;
    case '317':
    case '318': {
      const v = obj(client?.Verzoek);
      push(
        'OngewijzigdProduct',
        '/Bericht/Client/Verzoek/OngewijzigdeProducten',
        arr(at(v, 'OngewijzigdeProducten', 'OngewijzigdProduct')),
        (n) => ({
          ...opt('toewijzingNummer', str(n.ToewijzingNummer)),
        }),
      );
      push(
        'TeWijzigenProduct',
        '/Bericht/Client/Verzoek/TeWijzigenProducten',
        arr(at(v, 'TeWijzigenProducten', 'TeWijzigenProduct')),
        (n) => ({
          ...opt('datum', str(n.GewensteIngangsdatum)),
          ...opt('toewijzingNummer', str(n.ToewijzingNummer)),
          ...omvang(n),
        }),
      );
      push('NieuwProduct', '/Bericht/Client/Verzoek/NieuweProducten', arr(at(v, 'NieuweProducten', 'NieuwProduct')), (n) => ({
        ...opt('datum', str(n.GewensteIngangsdatum)),
        ...product(n),
        ...omvang(n),
      }));
      break;
    }
    default:
      break;
  }
  return items;
}

function prestaties(root: Node, container: 'Declaratie' | 'DeclaratieAntwoord'): SummaryItem[] {
  const items: SummaryItem[] = [];
  let index = 0;
  arr(at(root, container, 'Clienten', 'Client')).forEach((client, ci) => {
    arr(at(client, 'Prestaties', 'Prestatie')).forEach((p, pi) => {
      index += 1;
      items.push({
        kind: 'Prestatie',
        index,
        path: `/Bericht/${container}/Clienten/Client[${ci + 1}]/Prestaties/Prestatie[${pi + 1}]`,
        ...opt('datum', str(at(p, 'ProductPeriode', 'Begindatum'))),
        ...opt('categorie', str(p.ProductCategorie)),
        ...opt('code', str(p.ProductCode)),
        ...opt('toewijzingNummer', str(p.ToewijzingNummer)),
        ...opt('productReferentie', str(at(p, 'ProductReferentie', 'ReferentieNummer'))),
      });
    });
  });
  return items;
}

/**
 * Summarize a typed bericht (the parser's output for an L1-valid message). Throws SummaryError only
 * when the object does not have the shape the message model promises (a programming error upstream).
 */
export function summarize(message: MessageDef, bericht: Record<string, unknown>): BerichtSummary {
  const header = obj(bericht.Header);
  if (!header) throw new SummaryError('/Bericht/Header', 'the bericht has no Header');
  const afzender = str(header.Afzender);
  const ontvanger = str(header.Ontvanger);
  const ident = obj(header.BerichtIdentificatie);
  const identificatie = str(ident?.Identificatie);
  const dagtekening = str(ident?.Dagtekening);
  if (afzender === undefined || ontvanger === undefined || identificatie === undefined || dagtekening === undefined) {
    throw new SummaryError('/Bericht/Header', 'the Header lacks Afzender, Ontvanger or BerichtIdentificatie');
  }
  const nummer = message.nummer;
  const verzender = VERZENDER[nummer];
  // Afzender is LDT_Gemeente (4 digits) or LDT_AgbCode (8 digits); retour headers keep the heen's.
  const gemeente = afzender.length === 4 ? afzender : ontvanger;
  const aanbieder = afzender.length === 4 ? ontvanger : afzender;
  const heenNummer = HEEN_VAN[nummer];
  let heen: HeenRef | undefined;
  let ownIdent = identificatie;
  let ownDag = dagtekening;
  if (heenNummer === '323') {
    const di = obj(header.DeclaratieIdentificatie);
    heen = { nummer: '323', afzender: ontvanger, identificatie: str(di?.Identificatie) ?? '', dagtekening: str(di?.Dagtekening) ?? '' };
  } else if (heenNummer !== undefined) {
    heen = { nummer: heenNummer, afzender, identificatie, dagtekening };
    ownIdent = str(header.IdentificatieRetour) ?? identificatie;
    ownDag = str(header.DagtekeningRetour) ?? dagtekening;
  }
  let items: SummaryItem[];
  let antwoord: AntwoordSummary | undefined;
  let verzoekReferentie: string | undefined;
  let declaratieNummer: string | undefined;
  if (nummer === '323') {
    items = prestaties(bericht, 'Declaratie');
    declaratieNummer = str(at(bericht, 'Declaratie', 'DeclaratieNummer'));
  } else if (nummer === '325') {
    items = prestaties(bericht, 'DeclaratieAntwoord');
    declaratieNummer = str(at(bericht, 'DeclaratieAntwoord', 'DeclaratieNummer'));
  } else if (nummer === '319' || nummer === '320') {
    items = [];
    const a = obj(bericht.Antwoord);
    if (a) {
      antwoord = {
        referentieAanbieder: str(a.ReferentieAanbieder) ?? '',
        verzoekAntwoord: str(a.VerzoekAntwoord) ?? '',
        ...opt('redenAfwijzingVerzoek', str(a.RedenAfwijzingVerzoek)),
        ...opt('woonplaatsGemeente', str(at(a, 'Woonplaatsbeginsel', 'Gemeente'))),
      };
    }
  } else {
    items = clientItems(nummer, bericht);
    if (nummer === '317' || nummer === '318') verzoekReferentie = str(at(bericht, 'Client', 'Verzoek', 'ReferentieAanbieder'));
  }
  return {
    id: message.id,
    standard: message.standard,
    nummer,
    berichtCode: message.berichtCode,
    afzender,
    ontvanger,
    verzender,
    gemeente,
    aanbieder,
    identificatie: ownIdent,
    dagtekening: ownDag,
    ...(heen ? { heen } : {}),
    items,
    ...(verzoekReferentie !== undefined ? { verzoekReferentie } : {}),
    ...(antwoord ? { antwoord } : {}),
    ...(declaratieNummer !== undefined ? { declaratieNummer } : {}),
  };
}
