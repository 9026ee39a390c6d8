/**
 * The L2 rule table: every CD/CS rule of the iJw/iWmo 3.2 condities/constraints table that the XSD
 * does not already enforce, and the 22 TRs of controleniveau "bericht inhoud (xslt)". One entry per
 * (rule, class); all fail with RetourCode 0001 (FACTS §8). Rules the XSD enforces (all RS, CS015,
 * CS025, CS319) are listed with their proof in `./status.ts`. Where the rule text leaves the exact
 * element open, the entry's `summary` says which elements we check (our reading).
 */
import type { BerichtNummer } from '../../standard/model.js';
import { certainly, lastDayOfMonth, readDate, sameMonth, yearsBefore } from './dates.js';
import {
  child,
  dagtekeningOf,
  dateAt,
  elfproef,
  forbiddenIf,
  has,
  items,
  keyOf,
  noOverlap,
  notAfterDagtekening,
  notBefore,
  requiredIf,
  requiredIff,
  retourCodes,
  rule,
  signedCents,
  str,
  uniqueKey,
  valueIn,
  verb,
} from './helpers.js';
import { LOGICAL_KEYS } from './keys.js';
import type { XsDate } from './dates.js';
import type { Finding, L2Rule, Node } from './types.js';

// ---------------------------------------------------------------------------------------------
// The four product classes that carry a toewijzing-like period with Omvang/Budget.

interface ProductClass {
  readonly nummer: BerichtNummer;
  readonly klasse: string;
  readonly begin: string;
  readonly end: string;
  /** TeWijzigenProduct has no Product element (it refers to a ToewijzingNummer). */
  readonly hasProduct: boolean;
}

const TP: ProductClass = { nummer: '301', klasse: 'ToegewezenProduct', begin: 'Ingangsdatum', end: 'Einddatum', hasProduct: true };
const AP: ProductClass = {
  nummer: '315',
  klasse: 'AangevraagdProduct',
  begin: 'ToewijzingIngangsdatum',
  end: 'ToewijzingEinddatum',
  hasProduct: true,
};
const NP: ProductClass = { nummer: '317', klasse: 'NieuwProduct', begin: 'GewensteIngangsdatum', end: 'Einddatum', hasProduct: true };
const TWP: ProductClass = {
  nummer: '317',
  klasse: 'TeWijzigenProduct',
  begin: 'GewensteIngangsdatum',
  end: 'Einddatum',
  hasProduct: false,
};

/** CD080/CD095/CD096/CS338/CS343 only bite on toewijzingen that run (or may run) into 2021: 3.0 took effect 1 Jan 2021. */
const CUTOFF_2020 = readDate('2020-12-31');
/** Open, or not certainly on or before the cutoff (an unreadable end date keeps the rule in force). */
const runsInto2021 = (n: Node, end: string): boolean => {
  const e = dateAt(n, end);
  return e === undefined || !certainly(e, '<=', CUTOFF_2020);
};

/** Eenheden for which Frequentie "per dag" makes no sense (etmaal, dagdeel, euro's, stuks (inspanning)). */
const EENHEID_NOT_PER_DAG = ['14', '16', '83', '84'];
/** TypeVerwijzer values that are care professionals with an AGB code (huisarts … medisch specialist). */
const VERWIJZER_MET_AGB = ['02', '03', '04', '05'];

function productClassRules(): L2Rule[] {
  const out: L2Rule[] = [];
  for (const c of [TP, AP, NP]) {
    out.push(
      requiredIf({
        id: 'CD041',
        messages: [c.nummer],
        klasse: c.klasse,
        element: 'Omvang',
        summary: 'A specific product (Product/Code filled) needs an Omvang.',
        when: (n) => has(n, 'Product/Code'),
        because: 'when Product/Code is filled',
      }),
      requiredIf({
        id: 'CD079',
        messages: [c.nummer],
        klasse: c.klasse,
        element: 'Product',
        summary: 'Without a Budget the Product must be given (only a generiek toewijzing may omit it).',
        when: (n) => !has(n, 'Budget'),
        because: 'when there is no Budget',
      }),
    );
  }
  for (const c of [TP, AP, NP, TWP]) {
    out.push(
      requiredIf({
        id: 'CD075',
        messages: [c.nummer],
        klasse: c.klasse,
        element: c.end,
        summary: `A Budget needs an end date (${c.end}).`,
        when: (n) => has(n, 'Budget'),
        because: 'when a Budget is given',
      }),
      requiredIf({
        id: 'CD076',
        messages: [c.nummer],
        klasse: c.klasse,
        element: c.end,
        summary: `Frequentie 2 (per week) needs an end date (${c.end}).`,
        when: (n) => str(n, 'Omvang/Frequentie') === '2',
        because: 'when Omvang/Frequentie is 2 (per week)',
      }),
      forbiddenIf({
        id: 'CD077',
        messages: [c.nummer],
        klasse: c.klasse,
        element: 'Omvang',
        summary: 'Omvang and Budget exclude each other: no Omvang next to a Budget.',
        when: (n) => has(n, 'Budget'),
        because: 'when a Budget is given',
      }),
      forbiddenIf({
        id: 'CD078',
        messages: [c.nummer],
        klasse: c.klasse,
        element: 'Budget',
        summary: 'Omvang and Budget exclude each other: no Budget next to an Omvang.',
        when: (n) => has(n, 'Omvang'),
        because: 'when an Omvang is given',
      }),
      notBefore({
        id: 'CS003',
        messages: [c.nummer],
        klasse: c.klasse,
        element: c.end,
        reference: c.begin,
        summary: `${c.end} is not before ${c.begin}.`,
      }),
      valueIn({
        id: c === AP ? 'CS343' : 'CS338',
        messages: [c.nummer],
        klasse: c.klasse,
        element: 'Omvang/Frequentie',
        summary: `For Eenheid 14/16/83/84 on a toewijzing running after 2020 the Frequentie is 2, 4 or 6 (not per dag).`,
        allowed: ['2', '4', '6'],
        when: (n) => EENHEID_NOT_PER_DAG.includes(str(n, 'Omvang/Eenheid') ?? '') && runsInto2021(n, c.end),
        because: 'for this Eenheid when the end date is after 2020-12-31 or open',
      }),
    );
  }
  const aspecifiek: [string, ProductClass][] = [
    ['CD080', TP],
    ['CD095', AP],
    ['CD096', NP],
  ];
  for (const [id, c] of aspecifiek) {
    out.push(
      forbiddenIf({
        id,
        messages: [c.nummer],
        klasse: c.klasse,
        element: 'Omvang',
        summary: `An aspecifiek or generiek product (no Product/Code) running after 2020 has no Omvang.`,
        when: (n) => !has(n, 'Product/Code') && runsInto2021(n, c.end),
        because: `when Product/Code is empty and ${c.end} is after 2020-12-31 or open`,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Client / persoon (301, 305, 307, 315, 317, 323, 325)

const BSN_MESSAGES: readonly BerichtNummer[] = ['301', '305', '307', '315', '317', '323', '325'];
const GEBOORTE_MESSAGES: readonly BerichtNummer[] = ['301', '305', '307', '315'];

/** IV009: unknown parts of a date are filled with 01 (day, month) and 1900 (year). */
/** Written as 1900-01-01 (the placeholder for an unknown date; its timezone, if any, is not part of the calendar date). */
function isUnknownDate(d: { parts: { y: unknown; m: number; d: number } | undefined }): boolean {
  return d.parts !== undefined && d.parts.y === 1900 && d.parts.m === 1 && d.parts.d === 1;
}

function geboortedatumConsistent(n: Node): Finding | undefined {
  const d = dateAt(n, 'Geboortedatum/Datum');
  const gebruik = str(n, 'Geboortedatum/DatumGebruik');
  if (d === undefined || gebruik === undefined) return undefined;
  const p = d.parts;
  // Unreadable: consistency cannot be shown, so the rule fails.
  const ok = !p
    ? false
    : gebruik === '1'
      ? p.d === 1
      : gebruik === '2'
        ? p.d === 1 && p.m === 1
        : gebruik === '3'
          ? isUnknownDate(d)
          : true;
  return ok
    ? undefined
    : {
        path: 'Geboortedatum',
        message: `Geboortedatum/Datum does not match DatumGebruik ${gebruik} (unknown parts must be 01, an unknown year 1900)`,
      };
}

function geboortedatumNotTooOld(n: Node, dagtekening: XsDate | undefined): Finding | undefined {
  const d = dateAt(n, 'Geboortedatum/Datum');
  if (d === undefined || dagtekening === undefined) return undefined;
  if (str(n, 'Geboortedatum/DatumGebruik') === '3' && isUnknownDate(d)) return undefined; // unknown: exempt
  return !certainly(d, '>=', yearsBefore(dagtekening, 120))
    ? {
        path: 'Geboortedatum',
        message: 'Geboortedatum lies more than 120 years before the Dagtekening and is not marked unknown (DatumGebruik 3, 1900-01-01)',
      }
    : undefined;
}

function personRules(): L2Rule[] {
  const out: L2Rule[] = [
    rule({
      id: 'CS002',
      messages: BSN_MESSAGES,
      klasse: 'Client',
      element: 'Bsn',
      summary: 'The Bsn passes the elfproef.',
      check: (n) => {
        const bsn = str(n, 'Bsn');
        // Never echo the BSN.
        return bsn !== undefined && !elfproef(bsn) ? { path: 'Bsn', message: 'Bsn does not pass the elfproef (11-proef)' } : undefined;
      },
    }),
  ];
  const geboorte: [readonly BerichtNummer[], string][] = [
    [GEBOORTE_MESSAGES, 'Client'],
    [['301'], 'Relatie'],
  ];
  for (const [messages, klasse] of geboorte) {
    out.push(
      rule({
        id: 'CS139',
        messages,
        klasse,
        element: 'Geboortedatum',
        summary: 'DatumGebruik matches Datum: 1 → day 01; 2 → 01-01; 3 → 1900-01-01.',
        check: geboortedatumConsistent,
      }),
      rule({
        id: 'TR002',
        messages,
        klasse,
        element: 'Geboortedatum',
        summary: 'Geboortedatum at most 120 years before the Dagtekening, unless marked unknown (DatumGebruik 3 with 1900-01-01).',
        check: (n, ctx) => geboortedatumNotTooOld(n, dagtekeningOf(ctx)),
      }),
    );
  }
  for (const klasse of ['Client', 'Relatie']) {
    out.push(
      rule({
        id: 'CS050',
        messages: ['301'],
        klasse,
        element: 'Naam/NaamGebruik',
        summary: 'With a Partnernaam NaamGebruik is 1–4; without one it is 1 or 6.',
        check: (n) => {
          const g = str(n, 'Naam/NaamGebruik');
          if (g === undefined) return undefined;
          const partner = has(n, 'Naam/Partnernaam');
          const allowed = partner ? ['1', '2', '3', '4'] : ['1', '6'];
          return allowed.includes(g)
            ? undefined
            : {
                path: 'Naam/NaamGebruik',
                message: `NaamGebruik ${g} is not allowed ${partner ? 'with' : 'without'} a Partnernaam; allowed: ${allowed.join(', ')}`,
              };
        },
      }),
    );
  }
  out.push(
    rule({
      id: 'CS318',
      messages: ['301'],
      klasse: 'Client',
      element: 'Naam/NaamGebruik',
      summary: 'A client is a natural person: NaamGebruik 6 (niet-natuurlijk persoon) is not used.',
      check: (n) =>
        str(n, 'Naam/NaamGebruik') === '6'
          ? { path: 'Naam/NaamGebruik', message: 'NaamGebruik 6 (niet-natuurlijk persoon) is not allowed for a Client' }
          : undefined,
    }),
    requiredIff({
      id: 'CD007',
      messages: ['301'],
      klasse: 'Client',
      element: 'Communicatie/Taal',
      summary: 'Communicatie/Taal is given exactly when Communicatie/Vorm is 1 (tolk taal).',
      when: (n) => str(n, 'Communicatie/Vorm') === '1',
      because: 'when Communicatie/Vorm is 1 (tolk taal)',
      otherwise: 'unless Communicatie/Vorm is 1 (tolk taal)',
    }),
    rule({
      id: 'TR061',
      messages: ['301'],
      klasse: 'Client',
      element: 'Contactgegevens',
      summary: 'The Client has at least one Contact with an Adres of Soort 01 (BRP), 02 (correspondentie) or 03 (verblijf).',
      check: (n) =>
        items(n, 'Contactgegevens/Contact').some((c) => ['01', '02', '03'].includes(str(c, 'Soort') ?? '') && has(c, 'Adres'))
          ? undefined
          : { path: 'Contactgegevens', message: 'no Contact with an Adres of Soort 01, 02 or 03' },
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Contact (301: Contactgegevens/Contact and Relatie/Contact)

const POSTCODE_NL = /^[1-9][0-9]{3}[a-zA-Z]{2}$/;

function contactRules(): L2Rule[] {
  const m: readonly BerichtNummer[] = ['301'];
  return [
    requiredIff({
      id: 'CD005',
      messages: m,
      klasse: 'Contact',
      element: 'Adres/LandCode',
      summary: 'Adres/LandCode is given exactly when Adres/Postcode is.',
      when: (n) => has(n, 'Adres/Postcode'),
      because: 'when Adres/Postcode is filled',
      otherwise: 'when Adres/Postcode is empty',
    }),
    forbiddenIf({
      id: 'CD009',
      messages: m,
      klasse: 'Contact',
      element: 'Periode',
      summary: 'A Contact/Periode only for Soort 04 (tijdelijk verblijfadres).',
      when: (n) => str(n, 'Soort') !== '04',
      because: 'unless Soort is 04 (tijdelijk verblijfadres)',
    }),
    requiredIf({
      id: 'CD025',
      messages: m,
      klasse: 'Contact',
      element: 'Adres/Huis',
      summary: 'A Dutch address (LandCode NL) has a Huis (huisnummer).',
      when: (n) => str(n, 'Adres/LandCode') === 'NL',
      because: 'when Adres/LandCode is NL',
    }),
    requiredIf({
      id: 'CD034',
      messages: m,
      klasse: 'Contact',
      element: 'Adres/Postcode',
      summary: 'A BRP address (01) or verblijfadres (03) has a Postcode.',
      when: (n) => ['01', '03'].includes(str(n, 'Soort') ?? ''),
      because: 'when Soort is 01 (BRP) or 03 (verblijf)',
    }),
    rule({
      id: 'CS089',
      messages: m,
      klasse: 'Contact',
      element: 'Adres/Postcode',
      summary: 'With LandCode NL the Postcode has the Dutch format 9999XX (first digit not 0).',
      check: (n) => {
        const pc = str(n, 'Adres/Postcode');
        return str(n, 'Adres/LandCode') === 'NL' && pc !== undefined && !POSTCODE_NL.test(pc)
          ? {
              path: 'Adres/Postcode',
              message: 'Postcode is not a Dutch postcode (four digits, not starting with 0, and two letters) while LandCode is NL',
            }
          : undefined;
      },
    }),
    notBefore({
      id: 'CS003',
      messages: m,
      klasse: 'Contact',
      element: 'Periode/Einddatum',
      reference: 'Periode/Begindatum',
      summary: 'Contact/Periode/Einddatum is not before its Begindatum.',
    }),
    rule({
      id: 'TR006',
      messages: m,
      klasse: 'Contact',
      element: 'Telefoon',
      summary: 'A Contact has a Telefoon, or an Adres with both Huis and Postcode.',
      check: (n) =>
        has(n, 'Telefoon') || (has(n, 'Adres/Huis') && has(n, 'Adres/Postcode'))
          ? undefined
          : { message: 'Contact has neither a Telefoon nor an Adres with Huis and Postcode' },
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// 301 ToegewezenProduct

/** TR302: deleted toewijzingen (Einddatum = Ingangsdatum with reden 13, or the retired 01) are not stapeling. */
function isDeletedToewijzing(n: Node): boolean {
  const reden = str(n, 'RedenWijziging');
  return (reden === '13' || reden === '01') && sameDay(n, 'Einddatum', 'Ingangsdatum');
}

/** Both dates present and certainly the same day. */
function sameDay(n: Node, a: string, b: string): boolean {
  const x = dateAt(n, a);
  const y = dateAt(n, b);
  return x !== undefined && y !== undefined && certainly(x, '=', y);
}

function toewijzingRules(): L2Rule[] {
  return [
    rule({
      id: 'CS335',
      messages: ['301'],
      klasse: 'ToegewezenProduct',
      element: 'RedenWijziging',
      summary: 'RedenWijziging 13 (verwijderd) only with Einddatum equal to Ingangsdatum.',
      check: (n) =>
        str(n, 'RedenWijziging') === '13' && !sameDay(n, 'Einddatum', 'Ingangsdatum')
          ? { path: 'RedenWijziging', message: 'RedenWijziging 13 (verwijderd) requires Einddatum equal to Ingangsdatum' }
          : undefined,
    }),
    rule({
      id: 'CS336',
      messages: ['301'],
      klasse: 'ToegewezenProduct',
      element: 'RedenWijziging',
      summary: 'RedenWijziging 01 (administratieve correctie, vervallen) is not used.',
      check: (n) =>
        str(n, 'RedenWijziging') === '01'
          ? { path: 'RedenWijziging', message: 'RedenWijziging 01 (administratieve correctie, vervallen) may not be used; use 14' }
          : undefined,
    }),
    noOverlap({
      id: 'TR302',
      messages: ['301'],
      klasse: 'ToegewezenProducten',
      element: 'ToegewezenProduct',
      summary:
        'The same product (Code; else Categorie; no Product = any) is not toegewezen twice for overlapping periods; deleted toewijzingen do not count.',
      item: 'ToegewezenProduct',
      begin: 'Ingangsdatum',
      end: 'Einddatum',
      ignore: isDeletedToewijzing,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// 315 Verzoek om toewijzing

function votRules(): L2Rule[] {
  const m: readonly BerichtNummer[] = ['315'];
  const k = 'AangevraagdProduct';
  const agbType = (n: Node): boolean => VERWIJZER_MET_AGB.includes(str(n, 'Verwijzer/Type') ?? '');
  return [
    requiredIff({
      id: 'CD043',
      messages: m,
      klasse: k,
      element: 'BeschikkingIngangsdatum',
      summary: 'BeschikkingIngangsdatum is given exactly when BeschikkingNummer is.',
      when: (n) => has(n, 'BeschikkingNummer'),
      because: 'when BeschikkingNummer is filled',
      otherwise: 'without a BeschikkingNummer',
    }),
    forbiddenIf({
      id: 'CD066',
      messages: m,
      klasse: k,
      element: 'Verwijzer/Naam',
      summary: 'A verwijzer of type 02–05 identified by ZorgverlenerCode has no Naam.',
      when: (n) => agbType(n) && has(n, 'Verwijzer/ZorgverlenerCode'),
      because: 'when Verwijzer/Type is 02–05 and ZorgverlenerCode is filled',
    }),
    requiredIf({
      id: 'CD067',
      messages: m,
      klasse: k,
      element: 'Verwijzer/Naam',
      summary: 'A verwijzer of type 02–05 without ZorgverlenerCode is named.',
      when: (n) => agbType(n) && !has(n, 'Verwijzer/ZorgverlenerCode'),
      because: 'when Verwijzer/Type is 02–05 and ZorgverlenerCode is empty',
    }),
    forbiddenIf({
      id: 'CD068',
      messages: m,
      klasse: k,
      element: 'Verwijzer/ZorgverlenerCode',
      summary: 'Only verwijzers of type 02–05 carry a ZorgverlenerCode (AGB).',
      when: (n) => !agbType(n),
      because: 'unless Verwijzer/Type is 02, 03, 04 or 05',
    }),
    uniqueKey({
      id: 'TR383',
      messages: m,
      klasse: k,
      key: ['ReferentieAanbieder'],
      element: 'ReferentieAanbieder',
      what: 'ReferentieAanbieder',
      summary: 'Every AangevraagdProduct in the bericht has its own ReferentieAanbieder.',
    }),
    noOverlap({
      id: 'TR386',
      messages: m,
      klasse: 'AangevraagdeProducten',
      element: 'AangevraagdProduct',
      summary: 'The same product (Code; else Categorie; no Product = any) is not requested twice for overlapping periods.',
      item: 'AangevraagdProduct',
      begin: 'ToewijzingIngangsdatum',
      end: 'ToewijzingEinddatum',
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// 317 Verzoek om wijziging

function vowRules(): L2Rule[] {
  const m: readonly BerichtNummer[] = ['317'];
  return [
    rule({
      id: 'TR352',
      messages: m,
      klasse: 'Verzoek',
      element: 'OngewijzigdeProducten',
      summary: 'A VOW lists at least one OngewijzigdProduct or TeWijzigenProduct (it starts from a current toewijzing).',
      check: (n) =>
        items(n, 'OngewijzigdeProducten/OngewijzigdProduct').length + items(n, 'TeWijzigenProducten/TeWijzigenProduct').length > 0
          ? undefined
          : { message: 'Verzoek has neither an OngewijzigdProduct nor a TeWijzigenProduct' },
    }),
    rule({
      id: 'TR353',
      messages: m,
      klasse: 'Verzoek',
      element: 'TeWijzigenProducten',
      summary: 'A VOW asks for something: at least one TeWijzigenProduct or NieuwProduct.',
      check: (n) =>
        items(n, 'TeWijzigenProducten/TeWijzigenProduct').length + items(n, 'NieuweProducten/NieuwProduct').length > 0
          ? undefined
          : { message: 'Verzoek has neither a TeWijzigenProduct nor a NieuwProduct' },
    }),
    rule({
      id: 'TR380',
      messages: m,
      klasse: 'NieuwProduct',
      element: 'GewensteIngangsdatum',
      summary:
        'NieuwProduct/GewensteIngangsdatum lies after the Dagtekening (our reading: OP343 links TR380 to the gewenste ingangsdatum; a TeWijzigenProduct may lie in the past, TR357).',
      check: (n, ctx) => {
        const d = dateAt(n, 'GewensteIngangsdatum');
        const dt = dagtekeningOf(ctx);
        return d !== undefined && dt !== undefined && !certainly(d, '>', dt)
          ? {
              path: 'GewensteIngangsdatum',
              message: `GewensteIngangsdatum ${d.text} ${verb(d, dt, 'is not after')} the Dagtekening ${dt.text}`,
            }
          : undefined;
      },
    }),
    noOverlap({
      id: 'TR410',
      messages: m,
      klasse: 'NieuweProducten',
      element: 'NieuwProduct',
      summary: 'The same product (Code; else Categorie; no Product = any) is not asked twice as NieuwProduct for overlapping periods.',
      item: 'NieuwProduct',
      begin: 'GewensteIngangsdatum',
      end: 'Einddatum',
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// 319 Antwoordbericht

function antwoordRules(): L2Rule[] {
  const m: readonly BerichtNummer[] = ['319'];
  return [
    requiredIf({
      id: 'CD085',
      messages: m,
      klasse: 'Antwoord',
      element: 'RedenAfwijzingVerzoek',
      summary: 'A rejection (VerzoekAntwoord 1) gives a RedenAfwijzingVerzoek.',
      when: (n) => str(n, 'VerzoekAntwoord') === '1',
      because: 'when VerzoekAntwoord is 1 (afgewezen)',
    }),
    forbiddenIf({
      id: 'CD086',
      messages: m,
      klasse: 'Antwoord',
      element: 'RedenAfwijzingVerzoek',
      summary: '"In onderzoek" (VerzoekAntwoord 2) has no RedenAfwijzingVerzoek.',
      when: (n) => str(n, 'VerzoekAntwoord') === '2',
      because: 'when VerzoekAntwoord is 2 (in onderzoek)',
    }),
    requiredIf({
      id: 'TR377',
      messages: m,
      klasse: 'Antwoord',
      element: 'Woonplaatsbeginsel',
      standards: ['ijw'],
      summary: 'RedenAfwijzingVerzoek 8 (woonplaatsbeginsel) names the responsible gemeente in Woonplaatsbeginsel.',
      when: (n) => str(n, 'RedenAfwijzingVerzoek') === '8',
      because: 'when RedenAfwijzingVerzoek is 8 (woonplaatsbeginsel)',
    }),
    forbiddenIf({
      id: 'TR409',
      messages: m,
      klasse: 'Antwoord',
      element: 'Woonplaatsbeginsel',
      standards: ['ijw'],
      summary: 'Woonplaatsbeginsel only with RedenAfwijzingVerzoek 8.',
      when: (n) => str(n, 'RedenAfwijzingVerzoek') !== '8',
      because: 'unless RedenAfwijzingVerzoek is 8 (woonplaatsbeginsel)',
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// 305/307 regieberichten

function regieRules(): L2Rule[] {
  return [
    valueIn({
      id: 'CS058',
      messages: ['305'],
      klasse: 'StartProduct',
      element: 'StatusAanlevering',
      allowed: ['1', '3'],
      summary: 'StatusAanlevering is 1 (eerste aanlevering) or 3 (verwijderen); 2 and 9 are not used.',
    }),
    valueIn({
      id: 'CS058',
      messages: ['307'],
      klasse: 'StopProduct',
      element: 'StatusAanlevering',
      allowed: ['1', '3'],
      summary: 'StatusAanlevering is 1 (eerste aanlevering) or 3 (verwijderen); 2 and 9 are not used.',
    }),
    notBefore({
      id: 'TR018',
      messages: ['307'],
      klasse: 'StopProduct',
      element: 'Einddatum',
      reference: 'Begindatum',
      summary: 'StopProduct/Einddatum is not before its Begindatum.',
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// TR134 / TR137: dates not after the Dagtekening

function dagtekeningRules(): L2Rule[] {
  const scope: [BerichtNummer, string, string[], boolean][] = [
    ['301', 'Client', ['Geboortedatum/Datum'], true],
    ['301', 'Relatie', ['Geboortedatum/Datum'], true],
    ['301', 'ToegewezenProduct', ['Toewijzingsdatum'], false],
    ['305', 'Client', ['Geboortedatum/Datum'], true],
    ['305', 'StartProduct', ['Begindatum'], false],
    ['307', 'Client', ['Geboortedatum/Datum'], true],
    ['307', 'StopProduct', ['Begindatum'], false],
    ['315', 'Client', ['Geboortedatum/Datum'], true],
    ['323', 'Declaratie', ['DeclaratiePeriode/Begindatum'], false],
    ['323', 'Prestatie', ['ProductPeriode/Begindatum'], false],
    ['325', 'Prestatie', ['ProductPeriode/Begindatum'], false],
  ];
  const out: L2Rule[] = scope.map(([nummer, klasse, elements, sensitive]) =>
    notAfterDagtekening({
      id: 'TR134',
      messages: [nummer],
      klasse,
      element: elements.join(', '),
      elements,
      sensitive,
      summary: `${elements.join(', ')} not after the bericht's Dagtekening.`,
    }),
  );
  const periodes: [BerichtNummer, string, string][] = [
    ['323', 'Declaratie', 'DeclaratiePeriode'],
    ['323', 'Prestatie', 'ProductPeriode'],
    ['325', 'Prestatie', 'ProductPeriode'],
  ];
  for (const [nummer, klasse, periode] of periodes) {
    out.push(
      rule({
        id: 'TR137',
        messages: [nummer],
        klasse,
        element: `${periode}/Einddatum`,
        summary: `${periode}/Einddatum is not before its Begindatum and not after the Dagtekening.`,
        check: (n, ctx) => {
          const b = dateAt(n, `${periode}/Begindatum`);
          const e = dateAt(n, `${periode}/Einddatum`);
          const dt = dagtekeningOf(ctx);
          if (e === undefined) return undefined;
          if (b !== undefined && !certainly(e, '>=', b))
            return {
              path: `${periode}/Einddatum`,
              message: `${periode}/Einddatum ${e.text} ${verb(e, b, 'lies before')} its Begindatum ${b.text}`,
            };
          if (dt !== undefined && !certainly(e, '<=', dt))
            return {
              path: `${periode}/Einddatum`,
              message: `${periode}/Einddatum ${e.text} ${verb(e, dt, 'lies after')} the Dagtekening ${dt.text}`,
            };
          return undefined;
        },
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 323 / 325 declaratie

const JAN_2021 = readDate('2021-01-01');

function bedragDC(id: string, nummer: BerichtNummer, klasse: string, element: string, amount: 'Bedrag' | 'TotaalBedrag'): L2Rule {
  return rule({
    id,
    messages: [nummer],
    klasse,
    element: `${element}/DebetCredit`,
    summary: `${element}: an amount of 0 is debet (D).`,
    check: (n) => {
      const b = child(n, element);
      return b !== undefined && str(b, amount) === '0' && str(b, 'DebetCredit') !== 'D'
        ? { path: `${element}/DebetCredit`, message: `${element} is 0, so DebetCredit must be D` }
        : undefined;
    },
  });
}

interface TotaalState {
  sum: number;
  complete: boolean;
}

function declaratieRules(): L2Rule[] {
  const out: L2Rule[] = [];
  for (const nummer of ['323', '325'] as const) {
    out.push(
      requiredIff({
        id: 'CD060',
        messages: [nummer],
        klasse: 'Prestatie',
        element: 'ProductReferentie/VorigReferentieNummer',
        summary: 'A credit prestatie (DebetCredit C) names the prestatie it credits in VorigReferentieNummer; a debet one does not.',
        when: (n) => str(n, 'IngediendBedrag/DebetCredit') === 'C',
        because: 'for a credit prestatie (IngediendBedrag/DebetCredit C)',
        otherwise: 'for a debet prestatie',
      }),
      bedragDC('CS325', nummer, 'Prestatie', 'IngediendBedrag', 'Bedrag'),
    );
  }
  out.push(
    bedragDC('CS325', '323', 'Declaratie', 'TotaalIngediendBedrag', 'TotaalBedrag'),
    bedragDC('CS325', '325', 'DeclaratieAntwoord', 'TotaalIngediendBedrag', 'TotaalBedrag'),
    bedragDC('CS325', '325', 'DeclaratieAntwoord', 'TotaalToegekendBedrag', 'TotaalBedrag'),
    requiredIff({
      id: 'CD087',
      messages: ['323'],
      klasse: 'Prestatie',
      element: 'ProductTarief',
      summary: "ProductTarief is given exactly when Eenheid is not 83 (euro's).",
      when: (n) => str(n, 'Eenheid') !== '83',
      because: "when Eenheid is not 83 (euro's)",
      otherwise: "when Eenheid is 83 (euro's)",
    }),
  );
  const cs100: [string, string][] = [
    ['Declaratie', 'DeclaratiePeriode'],
    ['Prestatie', 'ProductPeriode'],
  ];
  for (const [klasse, periode] of cs100) {
    out.push(
      rule({
        id: 'CS100',
        messages: ['323'],
        klasse,
        element: periode,
        summary: `${periode} dates are on or after 2021-01-01 (declaraties before 2021 use the old 303 messages).`,
        check: (n) => {
          const f: Finding[] = [];
          for (const e of ['Begindatum', 'Einddatum']) {
            const d = dateAt(n, `${periode}/${e}`);
            if (d !== undefined && !certainly(d, '>=', JAN_2021))
              f.push({ path: `${periode}/${e}`, message: `${periode}/${e} ${d.text} ${verb(d, JAN_2021, 'lies before')} 2021-01-01` });
          }
          return f;
        },
      }),
    );
  }
  out.push(
    rule({
      id: 'CS337',
      messages: ['323'],
      klasse: 'Prestatie',
      element: 'ProductPeriode/Einddatum',
      summary: 'ProductPeriode begins and ends in the same calendar month.',
      check: (n) => {
        const b = dateAt(n, 'ProductPeriode/Begindatum');
        const e = dateAt(n, 'ProductPeriode/Einddatum');
        return b !== undefined && e !== undefined && !sameMonth(b, e)
          ? {
              path: 'ProductPeriode/Einddatum',
              message: `ProductPeriode ends on ${e.text}, not in the month of its Begindatum ${b.text}`,
            }
          : undefined;
      },
    }),
    rule({
      id: 'CS339',
      messages: ['323'],
      klasse: 'Prestatie',
      element: 'IngediendBedrag/Bedrag',
      summary: "With Eenheid 83 (euro's) IngediendBedrag equals GeleverdVolume (both in cents).",
      check: (n) => {
        if (str(n, 'Eenheid') !== '83') return undefined;
        const vol = str(n, 'GeleverdVolume');
        const bedrag = str(n, 'IngediendBedrag/Bedrag');
        return vol !== undefined && bedrag !== undefined && Number(vol) !== Number(bedrag)
          ? {
              path: 'IngediendBedrag/Bedrag',
              message: `IngediendBedrag ${bedrag} differs from GeleverdVolume ${vol} while Eenheid is 83 (euro's)`,
            }
          : undefined;
      },
    }),
    rule({
      id: 'CS340',
      messages: ['323'],
      klasse: 'Declaratie',
      element: 'DeclaratiePeriode',
      summary: 'DeclaratiePeriode is exactly one whole calendar month.',
      check: (n) => {
        const b = dateAt(n, 'DeclaratiePeriode/Begindatum');
        const e = dateAt(n, 'DeclaratiePeriode/Einddatum');
        if (b === undefined || e === undefined) return undefined;
        const pb = b.parts;
        const pe = e.parts;
        // Unreadable dates cannot be shown to span one month: the rule fails.
        const whole = pb !== undefined && pe !== undefined && pb.d === 1 && sameMonth(b, e) && pe.d === lastDayOfMonth(pe.y, pe.m);
        return whole
          ? undefined
          : { path: 'DeclaratiePeriode', message: `DeclaratiePeriode ${b.text} – ${e.text} is not one whole calendar month` };
      },
    }),
    rule({
      id: 'TR335',
      messages: ['323'],
      klasse: 'Prestatie',
      element: 'ProductPeriode/Einddatum',
      summary: 'ProductPeriode/Einddatum is at most 5 years before the DeclaratieDagtekening.',
      check: (n, ctx) => {
        const e = dateAt(n, 'ProductPeriode/Einddatum');
        const dd = dateAt(ctx.ancestor('Declaratie'), 'DeclaratieDagtekening');
        const bound = dd && yearsBefore(dd, 5);
        return e !== undefined && bound !== undefined && !certainly(e, '>=', bound)
          ? {
              path: 'ProductPeriode/Einddatum',
              message: `ProductPeriode/Einddatum ${e.text} ${verb(e, bound, 'lies more than')} 5 years before the DeclaratieDagtekening ${dd!.text}`,
            }
          : undefined;
      },
    }),
    rule<Set<string>>({
      id: 'TR315',
      messages: ['323'],
      klasse: 'Prestatie',
      element: 'ProductReferentie/VorigReferentieNummer',
      summary: 'No two prestaties in the bericht credit the same VorigReferentieNummer.',
      state: { create: () => new Set() },
      check: (n, _ctx, seen) => {
        const v = str(n, 'ProductReferentie/VorigReferentieNummer');
        if (v === undefined) return undefined;
        if (seen.has(v))
          return {
            path: 'ProductReferentie/VorigReferentieNummer',
            message: `VorigReferentieNummer ${v} occurs more than once in the bericht`,
          };
        seen.add(v);
        return undefined;
      },
    }),
    rule<{ refs: Set<string>; vorig: Set<string> }>({
      id: 'TR316',
      messages: ['323'],
      klasse: 'Prestatie',
      element: 'ProductReferentie/VorigReferentieNummer',
      summary: 'A debet prestatie is not credited in the same bericht: no VorigReferentieNummer equals a ReferentieNummer of the bericht.',
      state: { create: () => ({ refs: new Set(), vorig: new Set() }) },
      check: (n, _ctx, s) => {
        // Order-independent: the credit may come before or after the debet it refers to.
        const ref = str(n, 'ProductReferentie/ReferentieNummer');
        const vorig = str(n, 'ProductReferentie/VorigReferentieNummer');
        const out: Finding[] = [];
        if (vorig !== undefined && s.refs.has(vorig))
          out.push({
            path: 'ProductReferentie/VorigReferentieNummer',
            message: `VorigReferentieNummer ${vorig} credits a prestatie sent in the same bericht`,
          });
        if (ref !== undefined && s.vorig.has(ref))
          out.push({
            path: 'ProductReferentie/ReferentieNummer',
            message: `ReferentieNummer ${ref} is credited by an earlier prestatie in the same bericht`,
          });
        if (ref !== undefined) s.refs.add(ref);
        if (vorig !== undefined) s.vorig.add(vorig);
        return out;
      },
    }),
    rule<WeakMap<object, Set<string>>>({
      id: 'TR416',
      messages: ['323'],
      klasse: 'Prestatie',
      element: 'IngediendBedrag/DebetCredit',
      summary:
        'At most one debet prestatie per client for the same ProductPeriode, ProductCategorie, ProductCode and ToewijzingNummer (per client: the published JW323 sample repeats a ToewijzingNummer under two clients; that mismatch is TR304, an L3 rule).',
      // One key Set per Client, held weakly: a detached Client's keys go with it.
      state: { create: () => new WeakMap() },
      check: (n, ctx, seen) => {
        if (str(n, 'IngediendBedrag/DebetCredit') !== 'D') return undefined;
        const client = ctx.ancestor('Client');
        if (!client) return undefined;
        let set = seen.get(client);
        if (!set) seen.set(client, (set = new Set()));
        const k = keyOf(
          n,
          ['ProductPeriode/Begindatum', 'ProductPeriode/Einddatum', 'ProductCategorie', 'ProductCode', 'ToewijzingNummer'],
          ['ProductPeriode/Begindatum', 'ProductPeriode/Einddatum'],
        );
        if (set.has(k))
          return {
            path: 'IngediendBedrag/DebetCredit',
            message: 'a second debet prestatie for the same ProductPeriode, ProductCategorie, ProductCode and ToewijzingNummer',
          };
        set.add(k);
        return undefined;
      },
    }),
    rule<TotaalState>({
      id: 'TR358',
      messages: ['323'],
      klasse: 'Declaratie',
      element: 'TotaalIngediendBedrag',
      summary: "TotaalIngediendBedrag equals the sum of all prestaties' IngediendBedrag (debet +, credit −).",
      // Summed per Prestatie as they stream past: the Clients of a large 323 are not kept.
      state: {
        create: () => ({ sum: 0, complete: true }),
        observe: [
          {
            klasse: 'Prestatie',
            collect(n, _ctx, s) {
              const v = signedCents(child(n, 'IngediendBedrag'), 'Bedrag');
              if (v === undefined) s.complete = false;
              else s.sum += v;
              return undefined;
            },
          },
        ],
      },
      check: (n, _ctx, s) => {
        const totaal = signedCents(child(n, 'TotaalIngediendBedrag'), 'TotaalBedrag');
        if (totaal === undefined || !s.complete) return undefined;
        return totaal === s.sum
          ? undefined
          : {
              path: 'TotaalIngediendBedrag',
              message: `TotaalIngediendBedrag ${formatSigned(totaal)} ≠ sum of IngediendBedrag ${formatSigned(s.sum)} (cents, debet +)`,
            };
      },
    }),
  );
  return out;
}

function formatSigned(cents: number): string {
  return cents < 0 ? `${-cents} C` : `${cents} D`;
}

/** RetourCodes that mean "approved"/"no remark" on a 325 class (FACTS §8.4). */
const APPROVED = ['0200', '8001'];

function declaratieAntwoordRules(): L2Rule[] {
  return [
    rule<TotaalState & { prestaties: number }>({
      id: 'TR342',
      messages: ['325'],
      klasse: 'DeclaratieAntwoord',
      element: 'TotaalToegekendBedrag',
      summary:
        'A 325 returns only rejected prestaties: each returned Prestatie carries a code other than 0200/8001, and Σ returned IngediendBedrag = TotaalIngediendBedrag − TotaalToegekendBedrag; when DeclaratieAntwoord itself is rejected, TotaalToegekendBedrag is 0 and no prestaties are listed.',
      state: {
        create: () => ({ sum: 0, complete: true, prestaties: 0 }),
        observe: [
          {
            klasse: 'Prestatie',
            collect(n, _ctx, s) {
              s.prestaties++;
              const v = signedCents(child(n, 'IngediendBedrag'), 'Bedrag');
              if (v === undefined) s.complete = false;
              else s.sum += v;
              const codes = retourCodes(n);
              return codes.length > 0 && codes.every((c) => APPROVED.includes(c))
                ? {
                    path: 'RetourCodes',
                    message: 'an approved prestatie (only RetourCode 0200/8001) is returned; a 325 lists only rejected prestaties',
                  }
                : undefined;
            },
          },
        ],
      },
      check: (n, _ctx, s) => {
        const ingediend = signedCents(child(n, 'TotaalIngediendBedrag'), 'TotaalBedrag');
        const toegekend = signedCents(child(n, 'TotaalToegekendBedrag'), 'TotaalBedrag');
        const codes = retourCodes(n);
        const rejected = codes.some((c) => !APPROVED.includes(c));
        if (rejected) {
          // TR342's toelichting: a rejected DeclaratieAntwoord assesses no prestaties, so it lists none.
          const f: Finding[] = [];
          if (s.prestaties > 0)
            f.push({ path: 'Clienten', message: 'DeclaratieAntwoord is rejected, so it lists no Clienten or prestaties' });
          if (toegekend !== undefined && toegekend !== 0)
            f.push({ path: 'TotaalToegekendBedrag', message: 'DeclaratieAntwoord is rejected, so TotaalToegekendBedrag must be 0' });
          return f;
        }
        if (ingediend === undefined || toegekend === undefined || !s.complete) return undefined;
        return s.sum === ingediend - toegekend
          ? undefined
          : {
              path: 'TotaalToegekendBedrag',
              message: `returned prestaties sum to ${formatSigned(s.sum)}, but TotaalIngediendBedrag − TotaalToegekendBedrag is ${formatSigned(ingediend - toegekend)} (cents)`,
            };
      },
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// TR101: no duplicate classes (logical keys, see keys.ts)

function tr101Rules(): L2Rule[] {
  const out: L2Rule[] = [];
  for (const [nummer, keys] of Object.entries(LOGICAL_KEYS) as [BerichtNummer, NonNullable<(typeof LOGICAL_KEYS)[BerichtNummer]>][]) {
    // 319 is not in TR101's message list; its classes occur once anyway.
    if (nummer === '319') continue;
    for (const k of keys) {
      if (!k.repeatable) continue; // a class that occurs once under its parent cannot repeat its key
      out.push(
        uniqueKey({
          id: 'TR101',
          messages: [nummer],
          klasse: k.klasse,
          key: k.key,
          dates: k.dates,
          what: 'logical key',
          summary: `No two ${k.klasse} classes under one parent with the same logical key (${k.key.join(' + ')}).`,
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** The rule table. Order = report order within one class. */
export const L2_RULES: readonly L2Rule[] = [
  ...personRules(),
  ...contactRules(),
  ...productClassRules(),
  ...toewijzingRules(),
  ...votRules(),
  ...vowRules(),
  ...antwoordRules(),
  ...regieRules(),
  ...dagtekeningRules(),
  ...declaratieRules(),
  ...declaratieAntwoordRules(),
  ...tr101Rules(),
];
