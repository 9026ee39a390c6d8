/**
 * summarize: a typed bericht → the small, BSN-free summary the decision core works on. It carries
 * what selects a contract (PRODUCT §3): the parties, and per product line / prestatie its product
 * and selecting date — 301 Ingangsdatum, 315 ToewijzingIngangsdatum, 305/307 Begindatum,
 * 317 GewensteIngangsdatum, 323 ProductPeriode/Begindatum. Retours and antwoorden carry a reference
 * to their heenbericht; the decision core asks the state for that heenbericht's items.
 *
 * Never copies a BSN, name, address or birth date: the summary is journaled and logged.
 */
import { asNode, elementsAt, nodeAt, textAt, valueAt, type BerichtNode } from '../standard/access.js';
import { CATALOG, HEEN_VAN, VERZENDER, type ItemKindCode, type ItemVelden } from '../standard/catalog.js';
import type { BerichtId, BerichtNummer, MessageDef, Standard } from '../standard/model.js';

/** Who physically sends a message of this number, and the heenbericht a retour or 325 answers (from the catalog). */
export { HEEN_VAN, VERZENDER };

export type ItemKind = ItemKindCode;

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

export class SummaryError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'SummaryError';
  }
}

function opt<K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, string>);
}

/**
 * One item with the fields the catalog names, in the summary's fixed key order (journaled summaries
 * compare as JSON). Plain stores into one literal, not a spread of one-key objects per field: those
 * left a 323's ~30,000 items in slow (dictionary) shapes, and every later copy of them slow too.
 */
function makeItem(kind: ItemKind, index: number, path: string, n: BerichtNode, datum: string | undefined, v: ItemVelden): SummaryItem {
  const o: { -readonly [K in keyof SummaryItem]: SummaryItem[K] } = { kind, index, path };
  const put = (
    k: 'datum' | 'categorie' | 'code' | 'toewijzingNummer' | 'referentieAanbieder' | 'productReferentie',
    p: string | undefined,
  ): void => {
    if (p === undefined) return;
    const x = textAt(n, p);
    if (x !== undefined) o[k] = x;
  };
  put('datum', datum);
  put('categorie', v.categorie);
  put('code', v.code);
  put('toewijzingNummer', v.toewijzingNummer);
  put('referentieAanbieder', v.referentieAanbieder);
  put('productReferentie', v.productReferentie);
  if (v.omvang !== undefined) {
    const om = nodeAt(n, v.omvang);
    const volume = textAt(om, 'Volume');
    const eenheid = textAt(om, 'Eenheid');
    const frequentie = textAt(om, 'Frequentie');
    if (volume !== undefined && eenheid !== undefined && frequentie !== undefined) o.omvang = { volume, eenheid, frequentie };
  }
  if (v.budget !== undefined && valueAt(n, v.budget) !== undefined) o.budget = true;
  return o;
}

/**
 * Summarize a typed bericht (the parser's output for an L1-valid message): a walk over the message's
 * catalog entry. Throws SummaryError only when the object does not have the shape the message model
 * promises (a programming error upstream).
 */
export function summarize(message: MessageDef, bericht: Record<string, unknown>): BerichtSummary {
  const header = asNode(bericht.Header);
  if (!header) throw new SummaryError('/Bericht/Header', 'the bericht has no Header');
  const afzender = textAt(header, 'Afzender');
  const ontvanger = textAt(header, 'Ontvanger');
  const identificatie = textAt(header, 'BerichtIdentificatie/Identificatie');
  const dagtekening = textAt(header, 'BerichtIdentificatie/Dagtekening');
  if (afzender === undefined || ontvanger === undefined || identificatie === undefined || dagtekening === undefined) {
    throw new SummaryError('/Bericht/Header', 'the Header lacks Afzender, Ontvanger or BerichtIdentificatie');
  }
  const nummer = message.nummer;
  const entry = CATALOG[nummer];
  // Afzender is LDT_Gemeente (4 digits) or LDT_AgbCode (8 digits); retour headers keep the heen's.
  const gemeente = afzender.length === 4 ? afzender : ontvanger;
  const aanbieder = afzender.length === 4 ? ontvanger : afzender;
  const heen: HeenRef | undefined = entry.heen && {
    nummer: entry.heen.nummer,
    afzender: textAt(bericht, entry.heen.afzender) ?? '',
    identificatie: textAt(bericht, entry.heen.identificatie.identificatie) ?? '',
    dagtekening: textAt(bericht, entry.heen.identificatie.dagtekening) ?? '',
  };
  const items: SummaryItem[] = [];
  for (const klasse of entry.items) {
    elementsAt(message, bericht, klasse.pad).forEach(({ node, location }, i) =>
      items.push(makeItem(klasse.kind, i + 1, location, node, klasse.datum, klasse.velden)),
    );
  }
  const { verzoekReferentie: vr, declaratieNummer: dn, antwoord: av } = entry.velden;
  const verzoekReferentie = vr === undefined ? undefined : textAt(bericht, vr);
  const declaratieNummer = dn === undefined ? undefined : textAt(bericht, dn);
  const a = av === undefined ? undefined : nodeAt(bericht, av.pad);
  const antwoord: AntwoordSummary | undefined = a &&
    av && {
      referentieAanbieder: textAt(a, av.referentieAanbieder) ?? '',
      verzoekAntwoord: textAt(a, av.verzoekAntwoord) ?? '',
      ...opt('redenAfwijzingVerzoek', textAt(a, av.redenAfwijzingVerzoek)),
      ...opt('woonplaatsGemeente', textAt(a, av.woonplaatsGemeente.pad)),
    };
  return {
    id: message.id,
    standard: message.standard,
    nummer,
    berichtCode: message.berichtCode,
    afzender,
    ontvanger,
    verzender: entry.verzender,
    gemeente,
    aanbieder,
    identificatie: textAt(bericht, entry.identificatie.identificatie) ?? identificatie,
    dagtekening: textAt(bericht, entry.identificatie.dagtekening) ?? dagtekening,
    ...(heen ? { heen } : {}),
    items,
    ...(verzoekReferentie !== undefined ? { verzoekReferentie } : {}),
    ...(antwoord ? { antwoord } : {}),
    ...(declaratieNummer !== undefined ? { declaratieNummer } : {}),
  };
}
