/**
 * `npm run gen:samples`: writes Sluis's own fictitious example berichten to `samples/`:
 * - `samples/{ijw,iwmo}/<ID>.xml` — all 28 messages, valid against the XSD and the L2 rules. Heenberichten
 *   and 325 are typed objects written here; the retours (302 … 320) come from `buildRetour` on the
 *   matching heenbericht with a made-up L3 outcome, so they show each §8 case at least once.
 * - `samples/invalid/L1-*.xml`, `L2-*.xml` — one defect each, failing at exactly that level.
 *
 * All persons, addresses and numbers are invented. BSNs are test numbers 9999xxxxx that pass the
 * elfproef; gemeenten are real CBS codes (0363 Amsterdam, 0344 Utrecht) so TR378 passes; AGB codes are
 * invented 8-digit numbers. A test (`gen-samples.test.ts`) regenerates in memory and fails on any
 * difference with the committed files.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MESSAGES } from '../src/standard/generated/model.js';
import type { BerichtTypes } from '../src/standard/generated/types.js';
import type { BerichtId, MessageDef, Standard } from '../src/standard/model.js';
import type { ValidationIssue, ValidationLevel } from '../src/validation/issues.js';
import { buildRetour } from '../src/validation/retour.js';
import { buildBericht } from '../src/xml/build.js';

/** Test BSNs (999900006–999999990, elfproef-valid) — one per fictitious client. */
export const BSN = {
  fleur: '999990019',
  daan: '999990032',
  noor: '999990044',
  sem: '999990056',
  anna: '999912306',
  jan: '999912318',
} as const;

/** Fails the elfproef on purpose (9·9+9·8+9·7+9·6+1·5+2·4+3·3+0·2 = 292 ≡ 6 mod 11, last digit 0). */
export const BSN_FAALT_ELFPROEF = '999912300';

/** The date the retour samples are "made" on; fixed so the samples are reproducible. */
export const SAMPLE_TODAY = '2026-11-23';

interface Partijen {
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly plaats: string;
  readonly postcode: string;
  readonly netnummer: string;
  /** Prefix for BerichtIdentificatie values (≤ 12 chars in total). */
  readonly id: string;
}

const PARTIJEN: Record<Standard, Partijen> = {
  ijw: { gemeente: '0363', aanbieder: '41410017', plaats: 'Amsterdam', postcode: '1095AB', netnummer: '0201234567', id: 'AMS' },
  iwmo: { gemeente: '0344', aanbieder: '75750042', plaats: 'Utrecht', postcode: '3511ZZ', netnummer: '0301234567', id: 'UTR' },
};

function header(std: Standard, nummer: string, identificatie: string, dagtekening: string) {
  const m = message(std, nummer);
  const p = PARTIJEN[std];
  // 301, 319, 325 go from gemeente to aanbieder; the rest the other way (FACTS §4.1).
  const vanGemeente = ['301', '319', '325'].includes(nummer);
  return {
    BerichtCode: m.berichtCode,
    BerichtVersie: '3',
    BerichtSubversie: '2',
    Afzender: vanGemeente ? p.gemeente : p.aanbieder,
    Ontvanger: vanGemeente ? p.aanbieder : p.gemeente,
    BerichtIdentificatie: { Identificatie: `${p.id}${nummer}${identificatie}`, Dagtekening: dagtekening },
    XsdVersie: { BasisschemaXsdVersie: m.xsdVersie.basisschema, BerichtXsdVersie: m.xsdVersie.bericht },
  };
}

function message(std: Standard, nummer: string): MessageDef {
  return MESSAGES[`${std === 'ijw' ? 'JW' : 'WMO'}${nummer}` as BerichtId];
}

/** Product codes per standard: category + a contract code of at most 5 characters. */
const PRODUCT = {
  ijw: {
    ambulant: { Categorie: '45', Code: '45A01' },
    ggz: { Categorie: '54', Code: '54002' },
    verblijf: { Categorie: '43' },
  },
  iwmo: {
    ambulant: { Categorie: '02', Code: '02A03' },
    ggz: { Categorie: '07', Code: '07D01' },
    verblijf: { Categorie: '15' },
  },
} as const;

// ---------- heenberichten ----------

function toewijzing301(std: Standard): BerichtTypes['JW301'] {
  const p = PARTIJEN[std];
  const pr = PRODUCT[std];
  return {
    Header: header(std, '301', '000017', '2026-11-02'),
    Client: {
      Bsn: BSN.fleur,
      Geboortedatum: { Datum: '2014-03-21' },
      Geslacht: '2',
      Naam: {
        Geslachtsnaam: { Achternaam: 'Jansen' },
        Voornamen: 'Fleur Anna',
        Voorletters: 'FA',
        NaamGebruik: '1',
      },
      Relaties: {
        Relatie: [
          {
            Nummer: '1',
            Soort: '10',
            Naam: {
              Geslachtsnaam: { Achternaam: 'Jansen' },
              Voornamen: 'Mark',
              Voorletters: 'M',
              NaamGebruik: '1',
            },
            Contact: {
              Soort: '02',
              Telefoon: { Telefoon01: { Telefoonnummer: '0612345678', Landnummer: '0031' } },
              Emailadres: 'ouder@voorbeeld.example',
            },
          },
        ],
      },
      Contactgegevens: {
        Contact: [
          {
            Soort: '01',
            Adres: {
              Huis: { Huisnummer: '14', Huisletter: 'B' },
              Postcode: p.postcode,
              Straatnaam: 'Voorbeeldkade',
              Plaatsnaam: p.plaats,
              LandCode: 'NL',
            },
            Telefoon: { Telefoon01: { Telefoonnummer: p.netnummer, Landnummer: '0031' } },
          },
        ],
      },
      ToegewezenProducten: {
        ToegewezenProduct: [
          {
            ToewijzingNummer: '26001234',
            Product: { ...pr.ambulant },
            Toewijzingsdatum: '2026-10-30',
            Toewijzingstijd: '14:05:00',
            Ingangsdatum: '2026-11-01',
            Einddatum: '2027-04-30',
            // 3 hours per week; per week needs an Einddatum (CD076).
            Omvang: { Volume: '3', Eenheid: '04', Frequentie: '2' },
          },
          {
            ToewijzingNummer: '26001235',
            Product: { ...pr.ggz },
            Toewijzingsdatum: '2026-10-30',
            Toewijzingstijd: '14:05:00',
            Ingangsdatum: '2026-11-01',
            Einddatum: '2027-10-31',
            // 1200 minutes per month.
            Omvang: { Volume: '1200', Eenheid: '01', Frequentie: '4' },
          },
          {
            ToewijzingNummer: '26001236',
            Product: { ...pr.verblijf },
            Toewijzingsdatum: '2026-10-30',
            Toewijzingstijd: '14:06:30',
            Ingangsdatum: '2026-11-01',
            Einddatum: '2027-10-31',
            // A budget instead of an Omvang needs an Einddatum (CD075) and no Omvang (CD077); €12 500.
            Budget: 1_250_000,
            Commentaar: 'Budget voor verblijf conform perceel 3',
          },
        ],
      },
    },
  };
}

function start305(std: Standard): BerichtTypes['JW305'] {
  return {
    Header: header(std, '305', '000023', '2026-11-06'),
    Client: {
      Bsn: BSN.fleur,
      Geboortedatum: { Datum: '2014-03-21' },
      Geslacht: '2',
      Naam: { Geslachtsnaam: { Achternaam: 'Jansen' }, Voorletters: 'FA' },
      StartProducten: {
        StartProduct: [
          {
            ToewijzingNummer: '26001234',
            Product: { ...PRODUCT[std].ambulant },
            ToewijzingIngangsdatum: '2026-11-01',
            Begindatum: '2026-11-05',
            StatusAanlevering: '1',
          },
          {
            ToewijzingNummer: '26001235',
            Product: { ...PRODUCT[std].ggz },
            ToewijzingIngangsdatum: '2026-11-01',
            Begindatum: '2026-11-05',
            StatusAanlevering: '1',
          },
        ],
      },
    },
  };
}

function stop307(std: Standard): BerichtTypes['JW307'] {
  return {
    Header: header(std, '307', '000031', '2026-11-21'),
    Client: {
      Bsn: BSN.fleur,
      Geboortedatum: { Datum: '2014-03-21' },
      Geslacht: '2',
      Naam: { Geslachtsnaam: { Achternaam: 'Jansen' }, Voorletters: 'FA' },
      StopProducten: {
        StopProduct: [
          {
            ToewijzingNummer: '26001235',
            Product: { ...PRODUCT[std].ggz },
            ToewijzingIngangsdatum: '2026-11-01',
            Begindatum: '2026-11-05',
            // Beëindigd volgens plan: 31 in iJw (JZ588), 19 in iWmo (WMO588) — the codes differ.
            RedenBeeindiging: std === 'ijw' ? '31' : '19',
            Einddatum: '2026-11-20',
            StatusAanlevering: '1',
          },
        ],
      },
    },
  };
}

function vot315(std: Standard): BerichtTypes['JW315'] {
  const ijw = std === 'ijw';
  return {
    Header: header(std, '315', '000042', '2026-11-10'),
    Client: {
      Bsn: BSN.daan,
      Geboortedatum: { Datum: ijw ? '2011-07-02' : '1948-01-15' },
      Geslacht: '1',
      Naam: { Geslachtsnaam: { Achternaam: 'Boer', Voorvoegsel: 'de' }, Voornamen: 'Daan', Voorletters: 'D' },
      ...(ijw ? { GezagsdragerBekend: '1' } : {}),
      AangevraagdeProducten: {
        AangevraagdProduct: [
          {
            ReferentieAanbieder: `VOT-2026-0042`,
            ...(ijw ? {} : { BeschikkingNummer: '20260815' }),
            Product: { ...PRODUCT[std].ambulant },
            // A beschikking date only with a BeschikkingNummer (CD043).
            ...(ijw ? {} : { BeschikkingIngangsdatum: '2026-10-01' }),
            ToewijzingIngangsdatum: '2026-11-09',
            ToewijzingEinddatum: '2027-05-09',
            Omvang: { Volume: '2', Eenheid: '04', Frequentie: '2' },
            // Huisarts with an AGB code and no name (CD066) for iJw; the gemeente (no AGB, CD068) for iWmo.
            Verwijzer: ijw ? { Type: '02', ZorgverlenerCode: '01012345' } : { Type: '01', Naam: 'Wijkteam Utrecht-Oost' },
            Commentaar: 'Aanvraag na intake op 3 november',
          },
        ],
      },
    },
  };
}

function vow317(std: Standard): BerichtTypes['JW317'] {
  return {
    Header: header(std, '317', '000051', '2026-11-16'),
    Client: {
      Bsn: BSN.fleur,
      Verzoek: {
        ReferentieAanbieder: 'VOW-2026-0007',
        RedenVerzoek: '2',
        OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: '26001236' }] },
        TeWijzigenProducten: {
          TeWijzigenProduct: [
            // Extend the ambulant toewijzing by half a year, same Omvang.
            {
              ToewijzingNummer: '26001234',
              GewensteIngangsdatum: '2026-12-01',
              Einddatum: '2027-10-31',
              Omvang: { Volume: '3', Eenheid: '04', Frequentie: '2' },
            },
          ],
        },
        NieuweProducten: {
          NieuwProduct: [
            {
              Product: { ...PRODUCT[std].ggz },
              GewensteIngangsdatum: '2026-12-01',
              Einddatum: '2027-05-31',
              Omvang: { Volume: '600', Eenheid: '01', Frequentie: '4' },
            },
          ],
        },
      },
    },
  };
}

function antwoord319(std: Standard): BerichtTypes['JW319'] {
  if (std === 'ijw') {
    // Woonplaatsbeginsel: afgewezen with reden 8 names the responsible gemeente (FACTS §12).
    return {
      Header: header(std, '319', '000063', '2026-11-12'),
      Antwoord: {
        ReferentieAanbieder: 'VOT-2026-0042',
        VerzoekAntwoord: '1',
        RedenAfwijzingVerzoek: '8',
        Woonplaatsbeginsel: { Gemeente: '0344' },
      },
    };
  }
  return {
    Header: header(std, '319', '000063', '2026-11-12'),
    Antwoord: { ReferentieAanbieder: 'VOT-2026-0042', VerzoekAntwoord: '2' },
  };
}

interface PrestatieIn {
  readonly ref: string;
  readonly vorig?: string;
  readonly nummer: string;
  readonly product: { readonly Categorie: string; readonly Code: string };
  readonly maand: readonly [string, string];
  readonly volume: number;
  readonly eenheid: string;
  /** Cents per unit; absent for Eenheid 83 (euro's), where the volume is the amount (CD087, CS339). */
  readonly tarief?: number;
  readonly dc: 'D' | 'C';
}

function prestatie(p: PrestatieIn): BerichtTypes['JW323']['Declaratie']['Clienten']['Client'][number]['Prestaties']['Prestatie'][number] {
  const bedrag = p.tarief === undefined ? p.volume : p.volume * p.tarief;
  return {
    ProductReferentie: p.vorig ? { ReferentieNummer: p.ref, VorigReferentieNummer: p.vorig } : { ReferentieNummer: p.ref },
    ToewijzingNummer: p.nummer,
    ProductCategorie: p.product.Categorie,
    ProductCode: p.product.Code,
    ProductPeriode: { Begindatum: p.maand[0], Einddatum: p.maand[1] },
    GeleverdVolume: String(p.volume),
    Eenheid: p.eenheid,
    ...(p.tarief === undefined ? {} : { ProductTarief: p.tarief }),
    IngediendBedrag: { Bedrag: bedrag, DebetCredit: p.dc },
  };
}

const OKTOBER = ['2026-10-01', '2026-10-31'] as const;
const SEPTEMBER = ['2026-09-01', '2026-09-30'] as const;

function declaratie323(std: Standard): BerichtTypes['JW323'] {
  const pr = PRODUCT[std];
  const clienten = [
    {
      Bsn: BSN.noor,
      Prestaties: {
        Prestatie: [
          // 13 hours at €78.50.
          prestatie({
            ref: 'P26100001',
            nummer: '26000871',
            product: pr.ambulant,
            maand: OKTOBER,
            volume: 13,
            eenheid: '04',
            tarief: 7850,
            dc: 'D',
          }),
          // 540 minutes at €1.31.
          prestatie({
            ref: 'P26100002',
            nummer: '26000872',
            product: pr.ggz,
            maand: OKTOBER,
            volume: 540,
            eenheid: '01',
            tarief: 131,
            dc: 'D',
          }),
        ],
      },
    },
    {
      Bsn: BSN.sem,
      Prestaties: {
        Prestatie:
          std === 'ijw'
            ? [
                // Full credit of a September prestatie (correction by credit + new debet, OP366).
                prestatie({
                  ref: 'P26100003',
                  vorig: 'P26090011',
                  nummer: '26000540',
                  product: pr.ambulant,
                  maand: SEPTEMBER,
                  volume: 8,
                  eenheid: '04',
                  tarief: 7850,
                  dc: 'C',
                }),
                prestatie({
                  ref: 'P26100004',
                  nummer: '26000540',
                  product: pr.ambulant,
                  maand: SEPTEMBER,
                  volume: 6,
                  eenheid: '04',
                  tarief: 7850,
                  dc: 'D',
                }),
              ]
            : [
                // An amount in euro's (Eenheid 83): volume = bedrag in cents, no tarief.
                prestatie({
                  ref: 'P26100005',
                  nummer: '26000911',
                  product: { Categorie: '10', Code: '10E01' },
                  maand: OKTOBER,
                  volume: 45_000,
                  eenheid: '83',
                  dc: 'D',
                }),
              ],
      },
    },
  ];
  let totaal = 0;
  for (const c of clienten)
    for (const p of c.Prestaties.Prestatie)
      totaal += p.IngediendBedrag.DebetCredit === 'D' ? p.IngediendBedrag.Bedrag : -p.IngediendBedrag.Bedrag;
  return {
    Header: header(std, '323', '000077', '2026-11-03'),
    Declaratie: {
      DeclaratieNummer: `D${std === 'ijw' ? 'AMS' : 'UTR'}202610`,
      DeclaratiePeriode: { Begindatum: OKTOBER[0], Einddatum: OKTOBER[1] },
      DeclaratieDagtekening: '2026-11-03',
      TotaalIngediendBedrag: { TotaalBedrag: Math.abs(totaal), DebetCredit: totaal < 0 ? 'C' : 'D' },
      Clienten: { Client: clienten },
    },
  };
}

/**
 * The 325 for our 323: iJw rejects one prestatie (product code differs from the toewijzing, TR340 →
 * 9340) and approves the rest; iWmo approves everything (8001, no clients). FACTS §8.4.
 */
function antwoord325(std: Standard): BerichtTypes['JW325'] {
  const decl = declaratie323(std);
  const h = header(std, '325', '000081', '2026-11-10');
  const base = {
    ...h,
    DeclaratieIdentificatie: { ...decl.Header.BerichtIdentificatie },
    XsdVersieDeclaratie: { ...decl.Header.XsdVersie },
    RetourCodes: { RetourCode: ['0200'] },
  };
  const ingediend = decl.Declaratie.TotaalIngediendBedrag;
  if (std === 'iwmo') {
    return {
      Header: base,
      DeclaratieAntwoord: {
        DeclaratieNummer: decl.Declaratie.DeclaratieNummer,
        TotaalIngediendBedrag: { ...ingediend },
        TotaalToegekendBedrag: { ...ingediend },
        RetourCodes: { RetourCode: ['8001'] },
      },
    };
  }
  const client = decl.Declaratie.Clienten.Client[0]!;
  const afgewezen = client.Prestaties.Prestatie[1]!;
  const toegekend = ingediend.TotaalBedrag - afgewezen.IngediendBedrag.Bedrag;
  return {
    Header: base,
    DeclaratieAntwoord: {
      DeclaratieNummer: decl.Declaratie.DeclaratieNummer,
      TotaalIngediendBedrag: { ...ingediend },
      TotaalToegekendBedrag: { TotaalBedrag: toegekend, DebetCredit: 'D' },
      Clienten: {
        Client: [
          {
            Bsn: client.Bsn,
            Prestaties: { Prestatie: [{ ...afgewezen, RetourCodes: { RetourCode: ['9340'] } }] },
            RetourCodes: { RetourCode: ['0200'] },
          },
        ],
      },
      RetourCodes: { RetourCode: ['0200'] },
    },
  };
}

/** Every heenbericht (and 325) of one standard as a typed object. */
export function heenBerichten(std: Standard): Record<string, Record<string, unknown>> {
  return {
    '301': { ...toewijzing301(std) },
    '305': { ...start305(std) },
    '307': { ...stop307(std) },
    '315': { ...vot315(std) },
    '317': { ...vow317(std) },
    '319': { ...antwoord319(std) },
    '323': { ...declaratie323(std) },
    '325': { ...antwoord325(std) },
  };
}

// ---------- retourberichten ----------

function l3(path: string, rule: string, retourCode: string): ValidationIssue {
  return { level: 'L3', path, code: rule, rule, retourCode, message: `sample outcome for ${rule}` };
}

/** The made-up outcome each retour sample shows, per standard: together they cover every §8 case. */
const RETOUR_OUTCOMES: Record<Standard, Record<string, ValidationIssue[]>> = {
  ijw: {
    // ToewijzingNummer of the second product already used by this gemeente.
    '301': [l3('/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/ToewijzingNummer', 'TR332', '9332')],
    '305': [],
    '307': [
      {
        level: 'L2',
        path: '/Bericht/Client/StopProducten/StopProduct[1]/Einddatum',
        code: 'TR018',
        rule: 'TR018',
        retourCode: '0001',
        message: 'sample outcome for TR018',
      },
    ],
    '315': [l3('/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ReferentieAanbieder', 'TR347', '9347')],
    '317': [l3('/Bericht/Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct[1]/ToewijzingNummer', 'TR350', '9350')],
    '319': [l3('/Bericht/Antwoord/ReferentieAanbieder', 'TR360', '9360')],
  },
  iwmo: {
    '301': [],
    '305': [l3('/Bericht/Header/BerichtIdentificatie/Identificatie', 'TR056', '9056')],
    '307': [l3('/Bericht/Client/StopProducten/StopProduct[1]', 'TR382', '9069')],
    // A pending verzoek for this client rejects the Client class; its products are not assessed (0233).
    '315': [l3('/Bericht/Client', 'TR374', '9374')],
    '317': [],
    '319': [],
  },
};

const RETOUR_NUMMER: Record<string, string> = { '301': '302', '305': '306', '307': '308', '315': '316', '317': '318', '319': '320' };

// ---------- invalid samples ----------

export interface InvalidSample {
  /** Relative to samples/. */
  readonly file: string;
  readonly level: Extract<ValidationLevel, 'L1' | 'L2'>;
  /** The issue code the validator must report (an L1Code value, or the rule id for L2). */
  readonly code: string;
  readonly xml: string;
}

function mustReplace(xml: string, from: RegExp, to: string): string {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`sample mutation ${String(from)} did not apply`);
  return out;
}

function invalidSamples(xml: (std: Standard, nummer: string, bericht?: Record<string, unknown>) => string): InvalidSample[] {
  const jw305 = xml('ijw', '305');
  const wmo315 = xml('iwmo', '315');
  const jw323 = xml('ijw', '323');

  // L1: Geslacht moved in front of Geboortedatum — the sequence order is fixed (FACTS §3).
  const geslacht = /(\s*<jw305:Geslacht>[^<]*<\/jw305:Geslacht>)/.exec(jw305)?.[1];
  if (!geslacht) throw new Error('JW305 sample has no Geslacht');
  const reordered = mustReplace(jw305.replace(geslacht, ''), /(\s*<jw305:Geboortedatum>)/, `${geslacht}$1`);

  const bsnFout = start305('ijw');
  bsnFout.Client.Bsn = BSN_FAALT_ELFPROEF;

  const zonderReden = antwoord319('iwmo');
  zonderReden.Antwoord.VerzoekAntwoord = '1';

  const totaalFout = declaratie323('ijw');
  totaalFout.Declaratie.TotaalIngediendBedrag.TotaalBedrag += 100;

  return [
    { file: 'invalid/L1-element-order.xml', level: 'L1', code: 'unexpected-element', xml: reordered },
    {
      file: 'invalid/L1-agb-pattern.xml',
      level: 'L1',
      code: 'pattern',
      xml: mustReplace(jw305, /<jw305:Afzender>\d{8}</, '<jw305:Afzender>4141001<'),
    },
    {
      file: 'invalid/L1-empty-element.xml',
      level: 'L1',
      code: 'min-length',
      xml: mustReplace(wmo315, /<wmo315:Commentaar>[^<]*</, '<wmo315:Commentaar><'),
    },
    {
      file: 'invalid/L1-impossible-date.xml',
      level: 'L1',
      code: 'invalid-date',
      xml: mustReplace(jw323, /<jw323:DeclaratieDagtekening>2026-11-03</, '<jw323:DeclaratieDagtekening>2026-11-31<'),
    },
    { file: 'invalid/L2-CS002-bsn-elfproef.xml', level: 'L2', code: 'CS002', xml: xml('ijw', '305', { ...bsnFout }) },
    { file: 'invalid/L2-CD085-reden-afwijzing-ontbreekt.xml', level: 'L2', code: 'CD085', xml: xml('iwmo', '319', { ...zonderReden }) },
    { file: 'invalid/L2-TR358-totaalbedrag.xml', level: 'L2', code: 'TR358', xml: xml('ijw', '323', { ...totaalFout }) },
  ];
}

/**
 * An invalid sample gets an Identificatie of its own (`<prefix><nummer>9<nnnnn>`, 12 characters): with
 * the valid sample's, posting it after that one would be answered as a TR056 duplicate (9056) instead
 * of showing its own defect.
 */
function ownIdentificatie(xml: string, n: number): string {
  const re = /(<\w+:BerichtIdentificatie>\s*<(\w+):Identificatie>)([A-Z]{3}\d{3})\d{6}(<\/\2:Identificatie>)/;
  if (!re.test(xml)) throw new Error('invalid sample without a BerichtIdentificatie to renumber');
  return xml.replace(
    re,
    (_m, open: string, _ns: string, prefix: string, close: string) => `${open}${prefix}9${String(n).padStart(5, '0')}${close}`,
  );
}

// ---------- generation ----------

export interface GeneratedSamples {
  /** Relative path under samples/ → file content. */
  readonly files: ReadonlyMap<string, string>;
  readonly invalid: readonly InvalidSample[];
}

export function generateSamples(): GeneratedSamples {
  const files = new Map<string, string>();
  const heen = { ijw: heenBerichten('ijw'), iwmo: heenBerichten('iwmo') };
  const toXml = (std: Standard, nummer: string, bericht?: Record<string, unknown>): string => {
    const b = bericht ?? heen[std][nummer];
    if (!b) throw new Error(`no sample ${std} ${nummer}`);
    return buildBericht(message(std, nummer), b);
  };
  for (const std of ['ijw', 'iwmo'] as const) {
    for (const nummer of Object.keys(heen[std])) {
      files.set(`${std}/${message(std, nummer).id}.xml`, toXml(std, nummer));
    }
    for (const [nummer, issues] of Object.entries(RETOUR_OUTCOMES[std])) {
      const retourNummer = RETOUR_NUMMER[nummer]!;
      const r = buildRetour(
        { message: message(std, nummer), bericht: heen[std][nummer]! },
        { issues },
        { identificatieRetour: `${PARTIJEN[std].id}${retourNummer}-R0001`, today: SAMPLE_TODAY },
      );
      files.set(`${std}/${r.message.id}.xml`, r.xml);
    }
  }
  const invalid = invalidSamples(toXml).map((s, i) => ({ ...s, xml: ownIdentificatie(s.xml, i + 1) }));
  for (const s of invalid) files.set(s.file, s.xml);
  return { files, invalid };
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'samples');
  const { files } = generateSamples();
  // Remove generated folders first so a renamed sample leaves no stale file behind.
  for (const dir of ['ijw', 'iwmo', 'invalid']) rmSync(join(root, dir), { recursive: true, force: true });
  for (const [rel, content] of files) {
    const target = join(root, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  const count = (dir: string): number => readdirSync(join(root, dir)).length;
  process.stdout.write(`samples: ${count('ijw')} ijw, ${count('iwmo')} iwmo, ${count('invalid')} invalid → ${root}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
