/**
 * Table-driven tests of the L2 rule table: for every encoded (rule, bericht, class) and every
 * standard it applies to, one passing and one failing bericht, each a small mutation of an
 * L2-valid base (the published samples, see test/support/l2-fixtures.ts). A passing variant must
 * give no issue at all; a failing one must give the rule's issue at the expected path. Every failing
 * variant is also built to XML and run through the real streaming engine, which must report the same
 * issues.
 */
import { describe, expect, it } from 'vitest';
import type { Standard } from '../../standard/model.js';
import { validateBericht } from '../validate.js';
import { buildBericht } from '../../xml/build.js';
import { abs, base, del, dup, get, set, type BaseNummer, type Obj } from '../../../test/support/l2-fixtures.js';
import { L2_RULES } from './rules.js';
import { runL2OnObject } from './runner.js';

interface Case {
  readonly rule: string;
  readonly msg: BaseNummer;
  readonly name: string;
  /** The rule applies to this standard only. */
  readonly only?: Standard;
  /** A valid variant that exercises the rule's condition (default: the base itself). */
  readonly pass?: (b: Obj) => void;
  readonly fail: (b: Obj) => void;
  /** Typed-object path of the expected issue. */
  readonly at: string;
}

const TODAY = '2026-11-23';

// Paths into the bases
const TP = 'Client/ToegewezenProducten/ToegewezenProduct';
const CG = 'Client/Contactgegevens/Contact';
const REL = 'Client/Relaties/Relatie';
const AP = 'Client/AangevraagdeProducten/AangevraagdProduct';
const V = 'Client/Verzoek';
const NP = `${V}/NieuweProducten/NieuwProduct`;
const OP = `${V}/OngewijzigdeProducten/OngewijzigdProduct`;
const TWP = `${V}/TeWijzigenProducten/TeWijzigenProduct`;
const SP = 'Client/StartProducten/StartProduct';
const STP = 'Client/StopProducten/StopProduct';
const CL3 = 'Declaratie/Clienten/Client';
const PR = `${CL3}/0/Prestaties/Prestatie`;
const DA = 'DeclaratieAntwoord';
const CL5 = `${DA}/Clienten/Client`;
const PR5 = `${CL5}/0/Prestaties/Prestatie`;

const addTwp = (b: Obj): void =>
  set(b, `${V}/TeWijzigenProducten`, {
    TeWijzigenProduct: [
      {
        ToewijzingNummer: '10072',
        GewensteIngangsdatum: '2026-11-01',
        Einddatum: '2027-06-30',
        Omvang: { Volume: '3', Eenheid: '04', Frequentie: '4' },
      },
    ],
  });

/** Generiek: no Product, no Omvang, a Budget and an end date. */
const generiek =
  (p: string, end: string) =>
  (b: Obj): void => {
    del(b, `${p}/Product`);
    del(b, `${p}/Omvang`);
    set(b, `${p}/Budget`, 100000);
    set(b, `${p}/${end}`, '2027-06-30');
  };

const credit = (b: Obj, p: string, vorig: string): void => {
  set(b, `${p}/IngediendBedrag/DebetCredit`, 'C');
  set(b, `${p}/ProductReferentie/VorigReferentieNummer`, vorig);
};
const totaal323 = (b: Obj, cents: number, dc = 'D'): void =>
  set(b, 'Declaratie/TotaalIngediendBedrag', { TotaalBedrag: cents, DebetCredit: dc });

/** The product-class rules, once per class: [bericht, class path, begin, end, has Product, extra setup]. */
const PRODUCT_CLASSES: readonly [BaseNummer, string, string, string, boolean, ((b: Obj) => void)?][] = [
  ['301', `${TP}/0`, 'Ingangsdatum', 'Einddatum', true, (b) => del(b, `${TP}/1`)],
  ['315', `${AP}/0`, 'ToewijzingIngangsdatum', 'ToewijzingEinddatum', true, (b) => del(b, `${AP}/1`)],
  ['317', `${NP}/0`, 'GewensteIngangsdatum', 'Einddatum', true],
  ['317', `${TWP}/0`, 'GewensteIngangsdatum', 'Einddatum', false, addTwp],
];

function productCases(): Case[] {
  const out: Case[] = [];
  for (const [msg, p, begin, end, hasProduct, setup0] of PRODUCT_CLASSES) {
    const setup = setup0 ?? ((): void => {});
    const k = p.split('/').at(-2)!;
    const mk = (c: Omit<Case, 'msg'> & { pass?: (b: Obj) => void }): Case => ({
      ...c,
      msg,
      name: `${k}: ${c.name}`,
      pass: (b) => {
        setup(b);
        c.pass?.(b);
      },
      fail: (b) => {
        setup(b);
        c.fail(b);
      },
    });
    out.push(
      mk({
        rule: 'CD075',
        name: 'Budget without end date',
        pass: generiek(p, end),
        fail: (b) => {
          generiek(p, end)(b);
          del(b, `${p}/${end}`);
        },
        at: `${p}/${end}`,
      }),
      mk({
        rule: 'CD076',
        name: 'per week without end date',
        pass: (b) => {
          set(b, `${p}/Omvang/Frequentie`, '4');
          del(b, `${p}/${end}`);
        },
        fail: (b) => {
          set(b, `${p}/Omvang/Frequentie`, '2');
          del(b, `${p}/${end}`);
        },
        at: `${p}/${end}`,
      }),
      mk({
        rule: 'CD077',
        name: 'Omvang next to Budget',
        pass: generiek(p, end),
        fail: (b) => set(b, `${p}/Budget`, 1000),
        at: `${p}/Omvang`,
      }),
      mk({
        rule: 'CD078',
        name: 'Budget next to Omvang',
        pass: generiek(p, end),
        fail: (b) => set(b, `${p}/Budget`, 1000),
        at: `${p}/Budget`,
      }),
      mk({
        rule: 'CS003',
        name: 'end before begin',
        pass: (b) => set(b, `${p}/${end}`, get(b, `${p}/${begin}`)),
        fail: (b) => set(b, `${p}/${end}`, '2020-01-01'),
        at: `${p}/${end}`,
      }),
      mk({
        rule: msg === '315' ? 'CS343' : 'CS338',
        name: 'Eenheid 14 per dag',
        pass: (b) => {
          set(b, `${p}/Omvang/Eenheid`, '14');
          set(b, `${p}/Omvang/Frequentie`, '4');
        },
        fail: (b) => {
          set(b, `${p}/Omvang/Eenheid`, '14');
          set(b, `${p}/Omvang/Frequentie`, '1');
        },
        at: `${p}/Omvang/Frequentie`,
      }),
    );
    if (hasProduct) {
      out.push(
        mk({
          rule: 'CD041',
          name: 'Code without Omvang',
          pass: (b) => {
            del(b, `${p}/Product/Code`);
            del(b, `${p}/Omvang`);
          },
          fail: (b) => del(b, `${p}/Omvang`),
          at: `${p}/Omvang`,
        }),
        mk({
          rule: 'CD079',
          name: 'no Product and no Budget',
          pass: generiek(p, end),
          fail: (b) => {
            del(b, `${p}/Product`);
            del(b, `${p}/Omvang`);
          },
          at: `${p}/Product`,
        }),
        mk({
          rule: { '301': 'CD080', '315': 'CD095', '317': 'CD096' }[msg as '301' | '315' | '317'],
          name: 'aspecifiek with Omvang after 2020',
          // An aspecifiek toewijzing that ended in 2020 may still carry its Omvang (a 317 NieuwProduct
          // cannot end in 2020: it starts after the Dagtekening, TR380; there the pass is "no Omvang").
          pass:
            msg === '317'
              ? (b) => {
                  del(b, `${p}/Product/Code`);
                  del(b, `${p}/Omvang`);
                }
              : (b) => {
                  del(b, `${p}/Product/Code`);
                  set(b, `${p}/${begin}`, '2020-06-01');
                  set(b, `${p}/${end}`, '2020-12-31');
                },
          fail: (b) => del(b, `${p}/Product/Code`),
          at: `${p}/Omvang`,
        }),
      );
    }
  }
  return out;
}

function bsnCases(): Case[] {
  const paths: [BaseNummer, string][] = [
    ['301', 'Client'],
    ['305', 'Client'],
    ['307', 'Client'],
    ['315', 'Client'],
    ['317', 'Client'],
    ['323', `${CL3}/0`],
    ['325', `${CL5}/0`],
  ];
  return paths.map(([msg, c]) => ({
    rule: 'CS002',
    msg,
    name: 'BSN fails the elfproef',
    pass: (b: Obj) => set(b, `${c}/Bsn`, '999900006'),
    fail: (b: Obj) => set(b, `${c}/Bsn`, '999900007'),
    at: `${c}/Bsn`,
  }));
}

function geboorteCases(): Case[] {
  const out: Case[] = [];
  const persons: [BaseNummer, string][] = [
    ['301', 'Client'],
    ['301', `${REL}/0`],
    ['305', 'Client'],
    ['307', 'Client'],
    ['315', 'Client'],
  ];
  for (const [msg, p] of persons) {
    out.push(
      {
        rule: 'CS139',
        msg,
        name: `${p}: day unknown but not 01`,
        pass: (b) => set(b, `${p}/Geboortedatum`, { Datum: '1990-02-01', DatumGebruik: '1' }),
        fail: (b) => set(b, `${p}/Geboortedatum`, { Datum: '1990-02-14', DatumGebruik: '1' }),
        at: `${p}/Geboortedatum`,
      },
      {
        rule: 'CS139',
        msg,
        name: `${p}: year unknown but not 1900-01-01`,
        pass: (b) => set(b, `${p}/Geboortedatum`, { Datum: '1990-01-01', DatumGebruik: '2' }),
        fail: (b) => set(b, `${p}/Geboortedatum`, { Datum: '1901-01-01', DatumGebruik: '3' }),
        at: `${p}/Geboortedatum`,
      },
      {
        rule: 'TR002',
        msg,
        name: `${p}: born more than 120 years ago`,
        pass: (b) => set(b, `${p}/Geboortedatum`, { Datum: '1900-01-01', DatumGebruik: '3' }),
        fail: (b) => set(b, `${p}/Geboortedatum`, { Datum: '1900-01-02' }),
        at: `${p}/Geboortedatum`,
      },
      {
        rule: 'TR134',
        msg,
        name: `${p}: born after the Dagtekening`,
        pass: (b) => set(b, `${p}/Geboortedatum/Datum`, get(b, 'Header/BerichtIdentificatie/Dagtekening')),
        fail: (b) => set(b, `${p}/Geboortedatum/Datum`, '2026-12-31'),
        at: `${p}/Geboortedatum/Datum`,
      },
    );
  }
  // Exactly 120 years before the Dagtekening (2026-04-01) is still allowed.
  out.push({
    rule: 'TR002',
    msg: '301',
    name: 'exactly 120 years is allowed',
    pass: (b) => set(b, 'Client/Geboortedatum', { Datum: '1906-04-01' }),
    fail: (b) => set(b, 'Client/Geboortedatum', { Datum: '1906-03-31' }),
    at: 'Client/Geboortedatum',
  });
  return out;
}

const CASES_301: Case[] = [
  {
    rule: 'CS050',
    msg: '301',
    name: 'Client: NaamGebruik 2 without Partnernaam',
    pass: (b) => {
      set(b, 'Client/Naam/Partnernaam', { Achternaam: 'Jansen' });
      set(b, 'Client/Naam/NaamGebruik', '4');
    },
    fail: (b) => set(b, 'Client/Naam/NaamGebruik', '2'),
    at: 'Client/Naam/NaamGebruik',
  },
  {
    rule: 'CS050',
    msg: '301',
    name: 'Relatie: NaamGebruik 6 with Partnernaam',
    pass: (b) => set(b, `${REL}/1/Naam/NaamGebruik`, '6'),
    fail: (b) => set(b, `${REL}/0/Naam/NaamGebruik`, '6'),
    at: `${REL}/0/Naam/NaamGebruik`,
  },
  {
    rule: 'CS318',
    msg: '301',
    name: 'Client NaamGebruik 6',
    pass: (b) => set(b, 'Client/Naam/NaamGebruik', '1'),
    fail: (b) => set(b, 'Client/Naam/NaamGebruik', '6'),
    at: 'Client/Naam/NaamGebruik',
  },
  {
    rule: 'CD007',
    msg: '301',
    name: 'tolk taal without Taal',
    pass: (b) => {
      set(b, 'Client/Communicatie/Vorm', '2');
      del(b, 'Client/Communicatie/Taal');
    },
    fail: (b) => del(b, 'Client/Communicatie/Taal'),
    at: 'Client/Communicatie/Taal',
  },
  {
    rule: 'CD007',
    msg: '301',
    name: 'Taal with a doventolk',
    fail: (b) => set(b, 'Client/Communicatie/Vorm', '2'),
    at: 'Client/Communicatie/Taal',
  },
  {
    rule: 'TR061',
    msg: '301',
    name: 'no BRP/correspondentie/verblijf address',
    pass: (b) => {
      set(b, `${CG}/0/Soort`, '02');
      del(b, `${CG}/1`);
    },
    fail: (b) => {
      set(b, `${CG}/0/Soort`, '04');
      del(b, `${CG}/1`);
    },
    at: 'Client/Contactgegevens',
  },
  {
    rule: 'CD005',
    msg: '301',
    name: 'Postcode without LandCode',
    pass: (b) => {
      del(b, `${CG}/1/Adres/Postcode`);
      del(b, `${CG}/1/Adres/LandCode`);
    },
    fail: (b) => del(b, `${CG}/0/Adres/LandCode`),
    at: `${CG}/0/Adres/LandCode`,
  },
  {
    rule: 'CD005',
    msg: '301',
    name: 'LandCode without Postcode',
    fail: (b) => del(b, `${CG}/1/Adres/Postcode`),
    at: `${CG}/1/Adres/LandCode`,
  },
  {
    rule: 'CD009',
    msg: '301',
    name: 'Periode on a verblijfadres',
    fail: (b) => set(b, `${CG}/0/Periode`, { Begindatum: '2018-02-03' }),
    at: `${CG}/0/Periode`,
  },
  {
    rule: 'CD025',
    msg: '301',
    name: 'Dutch address without Huis',
    pass: (b) => {
      set(b, `${CG}/1/Adres/LandCode`, 'BE');
      del(b, `${CG}/1/Adres/Huis`);
    },
    fail: (b) => del(b, `${CG}/0/Adres/Huis`),
    at: `${CG}/0/Adres/Huis`,
  },
  {
    rule: 'CD034',
    msg: '301',
    name: 'verblijfadres without Postcode',
    pass: (b) => {
      set(b, `${CG}/0/Soort`, '02');
      del(b, `${CG}/0/Adres/Postcode`);
      del(b, `${CG}/0/Adres/LandCode`);
    },
    fail: (b) => {
      del(b, `${CG}/0/Adres/Postcode`);
      del(b, `${CG}/0/Adres/LandCode`);
    },
    at: `${CG}/0/Adres/Postcode`,
  },
  {
    rule: 'CS089',
    msg: '301',
    name: 'Dutch postcode starting with 0',
    pass: (b) => set(b, `${CG}/0/Adres/Postcode`, '1234ab'),
    fail: (b) => set(b, `${CG}/0/Adres/Postcode`, '0999XX'),
    at: `${CG}/0/Adres/Postcode`,
  },
  {
    rule: 'CS003',
    msg: '301',
    name: 'Contact/Periode ends before it begins',
    pass: (b) => set(b, `${CG}/1/Periode`, { Begindatum: '2018-02-03', Einddatum: '2018-02-03' }),
    fail: (b) => set(b, `${CG}/1/Periode`, { Begindatum: '2018-02-03', Einddatum: '2018-02-02' }),
    at: `${CG}/1/Periode/Einddatum`,
  },
  {
    rule: 'TR006',
    msg: '301',
    name: 'Contact without Telefoon and without Huis+Postcode',
    pass: (b) => del(b, `${CG}/1/Telefoon`),
    fail: (b) => {
      del(b, `${CG}/1/Telefoon`);
      del(b, `${CG}/1/Adres/Postcode`);
      del(b, `${CG}/1/Adres/LandCode`);
    },
    at: `${CG}/1`,
  },
  {
    rule: 'CS335',
    msg: '301',
    name: 'reden 13 with Einddatum ≠ Ingangsdatum',
    pass: (b) => {
      set(b, `${TP}/0/RedenWijziging`, '13');
      set(b, `${TP}/0/Einddatum`, '2026-04-01');
    },
    fail: (b) => set(b, `${TP}/0/RedenWijziging`, '13'),
    at: `${TP}/0/RedenWijziging`,
  },
  {
    rule: 'CS336',
    msg: '301',
    name: 'reden 01',
    pass: (b) => set(b, `${TP}/0/RedenWijziging`, '14'),
    fail: (b) => set(b, `${TP}/0/RedenWijziging`, '01'),
    at: `${TP}/0/RedenWijziging`,
  },
  {
    rule: 'TR302',
    msg: '301',
    name: 'same product twice, overlapping',
    pass: (b) => {
      set(b, `${TP}/1/Product`, get(b, `${TP}/0/Product`));
      set(b, `${TP}/1/Ingangsdatum`, '2026-07-15');
      set(b, `${TP}/1/Einddatum`, '2026-08-31');
    },
    fail: (b) => set(b, `${TP}/1/Product`, get(b, `${TP}/0/Product`)),
    at: `${TP}/1`,
  },
  {
    rule: 'TR302',
    msg: '301',
    name: 'a deleted toewijzing (reden 13) does not count; same category without code does',
    pass: (b) => {
      set(b, `${TP}/1/Product`, get(b, `${TP}/0/Product`));
      set(b, `${TP}/1/RedenWijziging`, '13');
      set(b, `${TP}/1/Einddatum`, '2026-04-01');
    },
    fail: (b) => {
      del(b, `${TP}/1/Product/Code`);
      del(b, `${TP}/1/Omvang`);
      set(b, `${TP}/1/Budget`, 5000);
    },
    at: `${TP}/1`,
  },
  {
    rule: 'TR134',
    msg: '301',
    name: 'Toewijzingsdatum after the Dagtekening',
    pass: (b) => set(b, `${TP}/0/Toewijzingsdatum`, '2026-04-01'),
    fail: (b) => set(b, `${TP}/0/Toewijzingsdatum`, '2026-04-02'),
    at: `${TP}/0/Toewijzingsdatum`,
  },
  { rule: 'TR101', msg: '301', name: 'ToegewezenProduct twice', fail: (b) => void dup(b, TP), at: `${TP}/2` },
  { rule: 'TR101', msg: '301', name: 'two Contacts of Soort 03', fail: (b) => void dup(b, CG), at: `${CG}/2` },
  {
    rule: 'TR101',
    msg: '301',
    name: 'Relatie Nummer twice',
    pass: (b) => set(dup(b, REL), 'Nummer', '3'),
    fail: (b) => void dup(b, REL),
    at: `${REL}/2`,
  },
];

const CASES_315: Case[] = [
  {
    rule: 'CD043',
    msg: '315',
    name: 'BeschikkingNummer without BeschikkingIngangsdatum',
    pass: (b) => {
      del(b, `${AP}/0/BeschikkingNummer`);
      del(b, `${AP}/0/BeschikkingIngangsdatum`);
    },
    fail: (b) => del(b, `${AP}/0/BeschikkingIngangsdatum`),
    at: `${AP}/0/BeschikkingIngangsdatum`,
  },
  {
    rule: 'CD066',
    msg: '315',
    name: 'AGB verwijzer with a Naam too',
    fail: (b) => set(b, `${AP}/1/Verwijzer/Naam`, 'dokter'),
    at: `${AP}/1/Verwijzer/Naam`,
  },
  {
    rule: 'CD067',
    msg: '315',
    name: 'huisarts without AGB and without Naam',
    pass: (b) => {
      del(b, `${AP}/1/Verwijzer/ZorgverlenerCode`);
      set(b, `${AP}/1/Verwijzer/Naam`, 'dokter');
    },
    fail: (b) => del(b, `${AP}/1/Verwijzer/ZorgverlenerCode`),
    at: `${AP}/1/Verwijzer/Naam`,
  },
  {
    rule: 'CD068',
    msg: '315',
    name: 'gemeente as verwijzer with an AGB code',
    pass: (b) => set(b, `${AP}/0/Verwijzer/Type`, '06'),
    fail: (b) => set(b, `${AP}/0/Verwijzer/ZorgverlenerCode`, '12345678'),
    at: `${AP}/0/Verwijzer/ZorgverlenerCode`,
  },
  {
    rule: 'TR383',
    msg: '315',
    name: 'ReferentieAanbieder twice',
    fail: (b) => set(b, `${AP}/1/ReferentieAanbieder`, get(b, `${AP}/0/ReferentieAanbieder`)),
    at: `${AP}/1`,
  },
  {
    rule: 'TR386',
    msg: '315',
    name: 'same product requested twice, overlapping',
    pass: (b) => {
      set(b, `${AP}/1/Product`, get(b, `${AP}/0/Product`));
      set(b, `${AP}/1/ToewijzingIngangsdatum`, '2027-07-01');
      set(b, `${AP}/1/ToewijzingEinddatum`, '2027-12-31');
    },
    fail: (b) => set(b, `${AP}/1/Product`, get(b, `${AP}/0/Product`)),
    at: `${AP}/1`,
  },
  { rule: 'TR101', msg: '315', name: 'AangevraagdProduct twice', fail: (b) => void dup(b, AP), at: `${AP}/2` },
];

const CASES_317: Case[] = [
  {
    rule: 'TR352',
    msg: '317',
    name: 'only NieuwProduct',
    pass: (b) => {
      del(b, `${V}/OngewijzigdeProducten`);
      addTwp(b);
    },
    fail: (b) => del(b, `${V}/OngewijzigdeProducten`),
    at: V,
  },
  {
    rule: 'TR353',
    msg: '317',
    name: 'only OngewijzigdProduct',
    pass: (b) => {
      del(b, `${V}/NieuweProducten`);
      addTwp(b);
    },
    fail: (b) => del(b, `${V}/NieuweProducten`),
    at: V,
  },
  {
    rule: 'TR380',
    msg: '317',
    name: 'NieuwProduct starting on the Dagtekening',
    pass: (b) => set(b, `${NP}/0/GewensteIngangsdatum`, '2026-01-03'),
    fail: (b) => set(b, `${NP}/0/GewensteIngangsdatum`, '2026-01-02'),
    at: `${NP}/0/GewensteIngangsdatum`,
  },
  {
    rule: 'TR410',
    msg: '317',
    name: 'same NieuwProduct twice, overlapping',
    pass: (b) => {
      const c = dup(b, NP);
      c['GewensteIngangsdatum'] = '2027-03-01';
      c['Einddatum'] = '2027-06-30';
    },
    fail: (b) => {
      dup(b, NP)['GewensteIngangsdatum'] = '2026-12-01';
    },
    at: `${NP}/1`,
  },
  { rule: 'TR101', msg: '317', name: 'NieuwProduct twice', fail: (b) => void dup(b, NP), at: `${NP}/1` },
  {
    rule: 'TR101',
    msg: '317',
    name: 'OngewijzigdProduct twice',
    pass: (b) => {
      dup(b, OP)['ToewijzingNummer'] = '10099';
    },
    fail: (b) => void dup(b, OP),
    at: `${OP}/1`,
  },
  {
    rule: 'TR101',
    msg: '317',
    name: 'TeWijzigenProduct twice',
    pass: addTwp,
    fail: (b) => {
      addTwp(b);
      dup(b, TWP);
    },
    at: `${TWP}/1`,
  },
];

const CASES_319: Case[] = [
  {
    rule: 'CD085',
    msg: '319',
    name: 'afgewezen without reden',
    fail: (b) => {
      del(b, 'Antwoord/RedenAfwijzingVerzoek');
    },
    at: 'Antwoord/RedenAfwijzingVerzoek',
  },
  {
    rule: 'CD086',
    msg: '319',
    name: 'in onderzoek with a reden',
    pass: (b) => {
      set(b, 'Antwoord/VerzoekAntwoord', '2');
      del(b, 'Antwoord/RedenAfwijzingVerzoek');
      del(b, 'Antwoord/Woonplaatsbeginsel');
    },
    fail: (b) => {
      set(b, 'Antwoord/VerzoekAntwoord', '2');
      del(b, 'Antwoord/Woonplaatsbeginsel');
    },
    at: 'Antwoord/RedenAfwijzingVerzoek',
  },
  {
    rule: 'TR377',
    msg: '319',
    only: 'ijw',
    name: 'reden 8 without Woonplaatsbeginsel',
    fail: (b) => del(b, 'Antwoord/Woonplaatsbeginsel'),
    at: 'Antwoord/Woonplaatsbeginsel',
  },
  {
    rule: 'TR409',
    msg: '319',
    only: 'ijw',
    name: 'Woonplaatsbeginsel with reden 5',
    pass: (b) => {
      set(b, 'Antwoord/RedenAfwijzingVerzoek', '5');
      del(b, 'Antwoord/Woonplaatsbeginsel');
    },
    fail: (b) => set(b, 'Antwoord/RedenAfwijzingVerzoek', '5'),
    at: 'Antwoord/Woonplaatsbeginsel',
  },
];

const CASES_305_307: Case[] = [
  {
    rule: 'CS058',
    msg: '305',
    name: 'StatusAanlevering 2',
    pass: (b) => set(b, `${SP}/0/StatusAanlevering`, '3'),
    fail: (b) => set(b, `${SP}/0/StatusAanlevering`, '2'),
    at: `${SP}/0/StatusAanlevering`,
  },
  {
    rule: 'CS058',
    msg: '307',
    name: 'StatusAanlevering 9',
    pass: (b) => set(b, `${STP}/0/StatusAanlevering`, '3'),
    fail: (b) => set(b, `${STP}/0/StatusAanlevering`, '9'),
    at: `${STP}/0/StatusAanlevering`,
  },
  {
    rule: 'TR018',
    msg: '307',
    name: 'stop before start',
    pass: (b) => set(b, `${STP}/0/Einddatum`, '2026-04-03'),
    fail: (b) => set(b, `${STP}/0/Einddatum`, '2026-04-02'),
    at: `${STP}/0/Einddatum`,
  },
  {
    rule: 'TR134',
    msg: '305',
    name: 'start after the Dagtekening',
    pass: (b) => set(b, `${SP}/0/Begindatum`, '2026-04-15'),
    fail: (b) => set(b, `${SP}/0/Begindatum`, '2026-04-16'),
    at: `${SP}/0/Begindatum`,
  },
  {
    rule: 'TR134',
    msg: '307',
    name: 'Begindatum after the Dagtekening',
    pass: (b) => set(b, `${STP}/0/Begindatum`, '2026-07-17'),
    fail: (b) => set(b, `${STP}/0/Begindatum`, '2026-07-21'),
    at: `${STP}/0/Begindatum`,
  },
  {
    rule: 'TR101',
    msg: '305',
    name: 'StartProduct twice',
    pass: (b) => {
      dup(b, SP)['Begindatum'] = '2026-04-10';
    },
    fail: (b) => void dup(b, SP),
    at: `${SP}/2`,
  },
  {
    rule: 'TR101',
    msg: '307',
    name: 'StopProduct twice',
    pass: (b) => {
      dup(b, STP)['RedenBeeindiging'] = '38';
    },
    fail: (b) => void dup(b, STP),
    at: `${STP}/2`,
  },
];

const CASES_323: Case[] = [
  {
    rule: 'CD060',
    msg: '323',
    name: 'credit without VorigReferentieNummer',
    pass: (b) => {
      credit(b, `${PR}/0`, 'RT001');
      totaal323(b, 69000);
    },
    fail: (b) => {
      set(b, `${PR}/0/IngediendBedrag/DebetCredit`, 'C');
      totaal323(b, 69000);
    },
    at: `${PR}/0/ProductReferentie/VorigReferentieNummer`,
  },
  {
    rule: 'CD060',
    msg: '323',
    name: 'debet with VorigReferentieNummer',
    fail: (b) => set(b, `${PR}/0/ProductReferentie/VorigReferentieNummer`, 'RT001'),
    at: `${PR}/0/ProductReferentie/VorigReferentieNummer`,
  },
  {
    rule: 'CS325',
    msg: '323',
    name: 'Prestatie: 0 as credit',
    pass: (b) => {
      set(b, `${PR}/0/IngediendBedrag/Bedrag`, 0);
      totaal323(b, 74000);
    },
    fail: (b) => {
      credit(b, `${PR}/0`, 'RT001');
      set(b, `${PR}/0/IngediendBedrag/Bedrag`, 0);
      totaal323(b, 74000);
    },
    at: `${PR}/0/IngediendBedrag/DebetCredit`,
  },
  {
    rule: 'CS325',
    msg: '323',
    name: 'TotaalIngediendBedrag: 0 as credit',
    pass: (b) => {
      del(b, `${CL3}/1`);
      credit(b, `${PR}/1`, 'RT009');
      set(b, `${PR}/1/IngediendBedrag/Bedrag`, 5000);
      totaal323(b, 0, 'D');
    },
    fail: (b) => {
      del(b, `${CL3}/1`);
      credit(b, `${PR}/1`, 'RT009');
      set(b, `${PR}/1/IngediendBedrag/Bedrag`, 5000);
      totaal323(b, 0, 'C');
    },
    at: 'Declaratie/TotaalIngediendBedrag/DebetCredit',
  },
  {
    rule: 'CD087',
    msg: '323',
    name: 'hours without ProductTarief',
    pass: (b) => {
      set(b, `${PR}/0/Eenheid`, '83');
      del(b, `${PR}/0/ProductTarief`);
      set(b, `${PR}/0/GeleverdVolume`, '5000');
    },
    fail: (b) => del(b, `${PR}/0/ProductTarief`),
    at: `${PR}/0/ProductTarief`,
  },
  {
    rule: 'CD087',
    msg: '323',
    name: "euro's with a ProductTarief",
    fail: (b) => {
      set(b, `${PR}/0/Eenheid`, '83');
      set(b, `${PR}/0/GeleverdVolume`, '5000');
    },
    at: `${PR}/0/ProductTarief`,
  },
  {
    rule: 'CS100',
    msg: '323',
    name: 'ProductPeriode in 2020',
    pass: (b) => set(b, `${PR}/0/ProductPeriode`, { Begindatum: '2021-06-01', Einddatum: '2021-06-30' }),
    fail: (b) => set(b, `${PR}/0/ProductPeriode`, { Begindatum: '2020-12-01', Einddatum: '2020-12-31' }),
    at: `${PR}/0/ProductPeriode/Begindatum`,
  },
  {
    rule: 'CS100',
    msg: '323',
    name: 'DeclaratiePeriode in 2020',
    pass: (b) => set(b, 'Declaratie/DeclaratiePeriode', { Begindatum: '2021-01-01', Einddatum: '2021-01-31' }),
    fail: (b) => set(b, 'Declaratie/DeclaratiePeriode', { Begindatum: '2020-12-01', Einddatum: '2020-12-31' }),
    at: 'Declaratie/DeclaratiePeriode/Begindatum',
  },
  {
    rule: 'CS337',
    msg: '323',
    name: 'ProductPeriode across a month end',
    pass: (b) => set(b, `${PR}/0/ProductPeriode`, { Begindatum: '2026-04-10', Einddatum: '2026-04-20' }),
    fail: (b) => set(b, `${PR}/0/ProductPeriode`, { Begindatum: '2026-04-01', Einddatum: '2026-05-01' }),
    at: `${PR}/0/ProductPeriode/Einddatum`,
  },
  {
    rule: 'CS339',
    msg: '323',
    name: "euro's: amount ≠ volume",
    pass: (b) => {
      set(b, `${PR}/0/Eenheid`, '83');
      del(b, `${PR}/0/ProductTarief`);
      set(b, `${PR}/0/GeleverdVolume`, '5000');
    },
    fail: (b) => {
      set(b, `${PR}/0/Eenheid`, '83');
      del(b, `${PR}/0/ProductTarief`);
      set(b, `${PR}/0/GeleverdVolume`, '4999');
    },
    at: `${PR}/0/IngediendBedrag/Bedrag`,
  },
  {
    rule: 'CS340',
    msg: '323',
    name: 'DeclaratiePeriode short of a month',
    pass: (b) => set(b, 'Declaratie/DeclaratiePeriode', { Begindatum: '2026-02-01', Einddatum: '2026-02-28' }),
    fail: (b) => set(b, 'Declaratie/DeclaratiePeriode', { Begindatum: '2026-04-01', Einddatum: '2026-04-29' }),
    at: 'Declaratie/DeclaratiePeriode',
  },
  {
    rule: 'CS340',
    msg: '323',
    name: 'February of a leap year has 29 days',
    pass: (b) => set(b, 'Declaratie/DeclaratiePeriode', { Begindatum: '2024-02-01', Einddatum: '2024-02-29' }),
    fail: (b) => set(b, 'Declaratie/DeclaratiePeriode', { Begindatum: '2024-02-01', Einddatum: '2024-02-28' }),
    at: 'Declaratie/DeclaratiePeriode',
  },
  {
    rule: 'TR137',
    msg: '323',
    name: 'DeclaratiePeriode ends after the Dagtekening',
    fail: (b) => set(b, 'Declaratie/DeclaratiePeriode', { Begindatum: '2026-05-01', Einddatum: '2026-05-31' }),
    at: 'Declaratie/DeclaratiePeriode/Einddatum',
  },
  {
    rule: 'TR137',
    msg: '323',
    name: 'ProductPeriode ends before it begins',
    pass: (b) => set(b, `${PR}/0/ProductPeriode`, { Begindatum: '2026-04-10', Einddatum: '2026-04-10' }),
    fail: (b) => set(b, `${PR}/0/ProductPeriode`, { Begindatum: '2026-04-10', Einddatum: '2026-04-09' }),
    at: `${PR}/0/ProductPeriode/Einddatum`,
  },
  {
    rule: 'TR134',
    msg: '323',
    name: 'DeclaratiePeriode begins after the Dagtekening',
    fail: (b) => set(b, 'Declaratie/DeclaratiePeriode', { Begindatum: '2026-06-01', Einddatum: '2026-06-30' }),
    at: 'Declaratie/DeclaratiePeriode/Begindatum',
  },
  {
    rule: 'TR134',
    msg: '323',
    name: 'ProductPeriode begins after the Dagtekening',
    pass: (b) => set(b, `${PR}/0/ProductPeriode`, { Begindatum: '2026-05-01', Einddatum: '2026-05-06' }),
    fail: (b) => set(b, `${PR}/0/ProductPeriode`, { Begindatum: '2026-05-07', Einddatum: '2026-05-31' }),
    at: `${PR}/0/ProductPeriode/Begindatum`,
  },
  {
    rule: 'TR335',
    msg: '323',
    name: 'ProductPeriode more than 5 years back',
    pass: (b) => set(b, `${PR}/0/ProductPeriode`, { Begindatum: '2021-05-01', Einddatum: '2021-05-31' }),
    fail: (b) => set(b, `${PR}/0/ProductPeriode`, { Begindatum: '2021-04-01', Einddatum: '2021-04-30' }),
    at: `${PR}/0/ProductPeriode/Einddatum`,
  },
  {
    rule: 'TR315',
    msg: '323',
    name: 'two credits of the same VorigReferentieNummer',
    pass: (b) => {
      credit(b, `${PR}/0`, 'RTX');
      credit(b, `${PR}/1`, 'RTY');
      totaal323(b, 79000 - 10000 - 48000);
    },
    fail: (b) => {
      credit(b, `${PR}/0`, 'RTX');
      credit(b, `${PR}/1`, 'RTX');
      totaal323(b, 79000 - 10000 - 48000);
    },
    at: `${PR}/1/ProductReferentie/VorigReferentieNummer`,
  },
  {
    rule: 'TR316',
    msg: '323',
    name: 'crediting a debet of the same bericht (credit after debet)',
    pass: (b) => {
      credit(b, `${PR}/1`, 'RT777');
      totaal323(b, 79000 - 48000);
    },
    fail: (b) => {
      credit(b, `${PR}/1`, 'RN001');
      totaal323(b, 79000 - 48000);
    },
    at: `${PR}/1/ProductReferentie/VorigReferentieNummer`,
  },
  {
    rule: 'TR316',
    msg: '323',
    name: 'crediting a debet of the same bericht (credit before debet)',
    fail: (b) => {
      credit(b, `${PR}/0`, 'RN002');
      totaal323(b, 79000 - 10000);
    },
    at: `${PR}/1/ProductReferentie/ReferentieNummer`,
  },
  {
    rule: 'TR416',
    msg: '323',
    name: 'two debets for the same period, product and toewijzing',
    pass: (b) => {
      set(b, `${PR}/1/ToewijzingNummer`, '10072');
      set(b, `${PR}/1/ProductCode`, get(b, `${PR}/0/ProductCode`));
      credit(b, `${PR}/1`, 'RT001');
      totaal323(b, 79000 - 48000);
    },
    fail: (b) => {
      set(b, `${PR}/1/ToewijzingNummer`, '10072');
      set(b, `${PR}/1/ProductCode`, get(b, `${PR}/0/ProductCode`));
    },
    at: `${PR}/1/IngediendBedrag/DebetCredit`,
  },
  { rule: 'TR358', msg: '323', name: 'total off by one cent', fail: (b) => totaal323(b, 79001), at: 'Declaratie/TotaalIngediendBedrag' },
  { rule: 'TR101', msg: '323', name: 'Client twice', fail: (b) => void dup(b, CL3), at: `${CL3}/2` },
  { rule: 'TR101', msg: '323', name: 'Prestatie twice', fail: (b) => void dup(b, PR), at: `${PR}/2` },
];

const CASES_325: Case[] = [
  {
    rule: 'CD060',
    msg: '325',
    name: 'credit without VorigReferentieNummer',
    fail: (b) => del(b, `${PR5}/0/ProductReferentie/VorigReferentieNummer`),
    at: `${PR5}/0/ProductReferentie/VorigReferentieNummer`,
  },
  {
    rule: 'CS325',
    msg: '325',
    name: 'Prestatie: 0 as credit',
    pass: (b) => {
      set(b, `${PR5}/0/IngediendBedrag`, { Bedrag: 0, DebetCredit: 'D' });
      del(b, `${PR5}/0/ProductReferentie/VorigReferentieNummer`);
      set(b, `${DA}/TotaalIngediendBedrag/TotaalBedrag`, 53000);
    },
    fail: (b) => set(b, `${PR5}/0/IngediendBedrag/Bedrag`, 0),
    at: `${PR5}/0/IngediendBedrag/DebetCredit`,
  },
  {
    rule: 'CS325',
    msg: '325',
    name: 'TotaalToegekendBedrag: 0 as credit',
    pass: (b) => {
      set(b, `${DA}/TotaalToegekendBedrag`, { TotaalBedrag: 0, DebetCredit: 'D' });
      set(b, `${DA}/TotaalIngediendBedrag/TotaalBedrag`, 24000);
    },
    fail: (b) => set(b, `${DA}/TotaalToegekendBedrag/TotaalBedrag`, 0),
    at: `${DA}/TotaalToegekendBedrag/DebetCredit`,
  },
  {
    rule: 'CS325',
    msg: '325',
    name: 'TotaalIngediendBedrag: 0 as credit',
    pass: (b) => {
      set(b, `${DA}/TotaalIngediendBedrag`, { TotaalBedrag: 0, DebetCredit: 'D' });
      set(b, `${DA}/TotaalToegekendBedrag`, { TotaalBedrag: 24000, DebetCredit: 'D' });
    },
    fail: (b) => set(b, `${DA}/TotaalIngediendBedrag/TotaalBedrag`, 0),
    at: `${DA}/TotaalIngediendBedrag/DebetCredit`,
  },
  {
    rule: 'TR134',
    msg: '325',
    name: 'ProductPeriode begins after the Dagtekening',
    pass: (b) => set(b, `${PR5}/0/ProductPeriode`, { Begindatum: '2023-05-01', Einddatum: '2023-05-07' }),
    fail: (b) => set(b, `${PR5}/0/ProductPeriode`, { Begindatum: '2023-05-08', Einddatum: '2023-05-31' }),
    at: `${PR5}/0/ProductPeriode/Begindatum`,
  },
  {
    rule: 'TR137',
    msg: '325',
    name: 'ProductPeriode ends after the Dagtekening',
    pass: (b) => set(b, `${PR5}/0/ProductPeriode`, { Begindatum: '2023-05-01', Einddatum: '2023-05-07' }),
    fail: (b) => set(b, `${PR5}/0/ProductPeriode`, { Begindatum: '2023-05-01', Einddatum: '2023-05-08' }),
    at: `${PR5}/0/ProductPeriode/Einddatum`,
  },
  {
    rule: 'TR342',
    msg: '325',
    name: 'returned prestaties do not explain the difference',
    fail: (b) => set(b, `${DA}/TotaalToegekendBedrag/TotaalBedrag`, 34001),
    at: `${DA}/TotaalToegekendBedrag`,
  },
  {
    rule: 'TR342',
    msg: '325',
    name: 'an approved prestatie is returned',
    fail: (b) => set(b, `${PR5}/0/RetourCodes`, { RetourCode: ['0200'] }),
    at: `${PR5}/0/RetourCodes`,
  },
  {
    rule: 'TR342',
    msg: '325',
    name: 'rejected DeclaratieAntwoord with a toegekend amount',
    pass: (b) => {
      set(b, `${DA}/RetourCodes`, { RetourCode: ['9333'] });
      set(b, `${DA}/TotaalToegekendBedrag`, { TotaalBedrag: 0, DebetCredit: 'D' });
      del(b, `${DA}/Clienten`);
    },
    fail: (b) => {
      set(b, `${DA}/RetourCodes`, { RetourCode: ['9333'] });
      del(b, `${DA}/Clienten`);
    },
    at: `${DA}/TotaalToegekendBedrag`,
  },
  {
    rule: 'TR342',
    msg: '325',
    name: 'rejected DeclaratieAntwoord that still lists prestaties',
    pass: (b) => {
      set(b, `${DA}/RetourCodes`, { RetourCode: ['9333'] });
      set(b, `${DA}/TotaalToegekendBedrag`, { TotaalBedrag: 0, DebetCredit: 'D' });
      del(b, `${DA}/Clienten`);
    },
    fail: (b) => {
      set(b, `${DA}/RetourCodes`, { RetourCode: ['9333'] });
      set(b, `${DA}/TotaalToegekendBedrag`, { TotaalBedrag: 0, DebetCredit: 'D' });
    },
    at: `${DA}/Clienten`,
  },
  { rule: 'TR101', msg: '325', name: 'Client twice', fail: (b) => void dup(b, CL5), at: `${CL5}/2` },
  { rule: 'TR101', msg: '325', name: 'Prestatie twice', fail: (b) => void dup(b, PR5), at: `${PR5}/2` },
];

const CASES: readonly Case[] = [
  ...bsnCases(),
  ...geboorteCases(),
  ...productCases(),
  ...CASES_301,
  ...CASES_315,
  ...CASES_317,
  ...CASES_319,
  ...CASES_305_307,
  ...CASES_323,
  ...CASES_325,
];

const STANDARDS: readonly Standard[] = ['ijw', 'iwmo'];

/** Names and BSNs of the bericht: no issue message may contain one. */
function personalValues(b: Obj): string[] {
  const out: string[] = [];
  const visit = (v: unknown, key: string): void => {
    if (Array.isArray(v)) v.forEach((x) => visit(x, key));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) visit(x, k);
    else if (typeof v === 'string' && ['Bsn', 'Achternaam', 'Voornamen'].includes(key)) out.push(v);
  };
  visit(b, '');
  return out;
}

describe('L2 rule table: one passing and one failing bericht per rule, class and standard', () => {
  for (const c of CASES) {
    for (const standard of STANDARDS) {
      if (c.only && c.only !== standard) continue;
      describe(`${c.rule} ${standard} ${c.msg}: ${c.name}`, () => {
        it('passes', () => {
          const { message, bericht } = base(standard, c.msg);
          c.pass?.(bericht);
          expect(runL2OnObject(message, bericht, { today: TODAY })).toEqual([]);
        });
        it('fails at the expected path, with RetourCode 0001, the same through the streaming engine', () => {
          const { message, bericht } = base(standard, c.msg);
          c.fail(bericht);
          const issues = runL2OnObject(message, bericht, { today: TODAY });
          expect(issues).toContainEqual(
            expect.objectContaining({ level: 'L2', code: c.rule, rule: c.rule, retourCode: '0001', path: abs(c.at) }),
          );
          for (const i of issues) {
            expect(i.retourCode).toBe('0001');
            for (const p of personalValues(bericht)) expect(i.message).not.toContain(p);
          }
          const streamed = validateBericht(buildBericht(message, bericht), { today: TODAY });
          expect(streamed.l1Valid).toBe(true);
          expect(streamed.issues).toEqual(issues);
        });
      });
    }
  }
});

describe('test table completeness', () => {
  it('covers every encoded (rule, bericht, class) for every standard it applies to', () => {
    const missing: string[] = [];
    for (const r of L2_RULES) {
      for (const msg of r.messages) {
        for (const standard of r.standards ?? STANDARDS) {
          const hit = CASES.some(
            (c) => c.rule === r.id && c.msg === msg && (!c.only || c.only === standard) && abs(c.at).split(/[/[]/).includes(r.klasse),
          );
          if (!hit) missing.push(`${r.id} ${msg} ${r.klasse} ${standard}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('the iJw-only rules do not fire on iWmo', () => {
    const { message, bericht } = base('iwmo', '319');
    set(bericht, 'Antwoord/RedenAfwijzingVerzoek', '8'); // reden 8 without the (impossible) class
    expect(runL2OnObject(message, bericht, { today: TODAY })).toEqual([]);
  });
});
