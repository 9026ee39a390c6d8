/**
 * Proof for every rule the coverage table marks `xsd`: a bericht that violates it (a mutation of an
 * L2-valid base, built to XML) is rejected by the L1 engine with an issue at the violating element.
 * So these rules need no L2 entry. Also proves the iWmo `n/a` of TR409: a Woonplaatsbeginsel in a
 * WMO319 is an L1 error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../standard/generated/model.js';
import type { Standard } from '../../standard/model.js';
import { L1Code } from '../issues.js';
import { validateBericht } from '../validate.js';
import { buildBericht } from '../../xml/build.js';
import { parseBericht } from '../parse.js';
import { abs, base, sampleXml, set, sharedDir, type BaseNummer, type Obj } from '../../../test/support/l2-fixtures.js';
import { DECLARED_STATUS } from './status.js';

interface Proof {
  readonly rule: string;
  readonly msg: BaseNummer;
  readonly path: string;
  readonly value: unknown;
  /** L1 codes that may report it (a too long code-list value is both `enumeration` and `max-length`). */
  readonly codes: readonly string[];
}

const TP0 = 'Client/ToegewezenProducten/ToegewezenProduct/0';
const CG0 = 'Client/Contactgegevens/Contact/0';
const REL0 = 'Client/Relaties/Relatie/0';
const {
  PATTERN,
  ENUMERATION,
  MIN_LENGTH,
  MAX_LENGTH,
  MIN_INCLUSIVE,
  MAX_INCLUSIVE,
  INVALID_DATE,
  INVALID_TIME,
  INVALID_INTEGER,
  WRONG_BERICHTCODE,
  WRONG_VERSION,
} = L1Code;
const LEN = [MAX_LENGTH, PATTERN, ENUMERATION];
const x = (n: number): string => 'x'.repeat(n);

const PROOFS: readonly Proof[] = [
  { rule: 'CS015', msg: '301', path: 'Header/BerichtSubversie', value: '3', codes: [PATTERN, WRONG_VERSION] },
  { rule: 'CS025', msg: '301', path: 'Header/BerichtVersie', value: '2', codes: [PATTERN, WRONG_VERSION] },
  { rule: 'CS025', msg: '319', path: 'Header/BerichtVersie', value: '4', codes: [PATTERN, WRONG_VERSION] },
  { rule: 'CS319', msg: '323', path: 'Declaratie/DeclaratieNummer', value: 'DN-001', codes: [PATTERN] },
  { rule: 'RS001', msg: '301', path: `${TP0}/ToewijzingNummer`, value: '-1', codes: [MIN_INCLUSIVE] },
  {
    rule: 'RS001',
    msg: '323',
    path: 'Declaratie/Clienten/Client/0/Prestaties/Prestatie/0/GeleverdVolume',
    value: '-4',
    codes: [MIN_INCLUSIVE],
  },
  { rule: 'RS002', msg: '301', path: `${REL0}/Volgorde`, value: '100', codes: [MAX_INCLUSIVE] },
  { rule: 'RS004', msg: '301', path: `${CG0}/Adres/Huis/Huisnummer`, value: '100000', codes: [MAX_INCLUSIVE] },
  { rule: 'RS005', msg: '301', path: `${TP0}/Omvang/Volume`, value: '100000000', codes: [MAX_INCLUSIVE] },
  {
    rule: 'RS005',
    msg: '323',
    path: 'Declaratie/Clienten/Client/0/Prestaties/Prestatie/0/ProductTarief',
    value: 100000000,
    codes: [MAX_INCLUSIVE],
  },
  { rule: 'RS006', msg: '301', path: `${TP0}/ToewijzingNummer`, value: '1000000000', codes: [MAX_INCLUSIVE] },
  { rule: 'RS008', msg: '301', path: 'Client/Geslacht', value: '11', codes: LEN },
  { rule: 'RS009', msg: '301', path: `${TP0}/RedenWijziging`, value: '131', codes: LEN },
  { rule: 'RS010', msg: '301', path: 'Header/BerichtCode', value: '4360', codes: [...LEN, WRONG_BERICHTCODE] },
  { rule: 'RS011', msg: '301', path: `${CG0}/Telefoon/Telefoon01/Landnummer`, value: '00311', codes: LEN },
  { rule: 'RS012', msg: '301', path: `${TP0}/Product/Code`, value: '55A111', codes: LEN },
  { rule: 'RS013', msg: '301', path: 'Client/Naam/Voorletters', value: 'ABCDEFG', codes: LEN },
  { rule: 'RS014', msg: '301', path: 'Header/Ontvanger', value: '123456789', codes: LEN },
  { rule: 'RS015', msg: '305', path: 'Client/Bsn', value: '9999000060', codes: LEN },
  { rule: 'RS016', msg: '301', path: 'Client/Naam/Geslachtsnaam/Voorvoegsel', value: x(11), codes: LEN },
  { rule: 'RS017', msg: '301', path: 'Header/BerichtIdentificatie/Identificatie', value: '1234567890123', codes: LEN },
  { rule: 'RS018', msg: '301', path: `${CG0}/Telefoon/Telefoon01/Telefoonnummer`, value: '0123456789012345', codes: LEN },
  { rule: 'RS019', msg: '301', path: `${REL0}/Nummer`, value: x(21), codes: LEN },
  {
    rule: 'RS019',
    msg: '323',
    path: 'Declaratie/Clienten/Client/0/Prestaties/Prestatie/0/ProductReferentie/ReferentieNummer',
    value: x(21),
    codes: LEN,
  },
  { rule: 'RS020', msg: '301', path: `${CG0}/Adres/Straatnaam`, value: x(25), codes: LEN },
  { rule: 'RS021', msg: '301', path: 'Client/Communicatie/Taal', value: x(26), codes: LEN },
  { rule: 'RS023', msg: '301', path: 'Client/Contactgegevens/Contact/1/Organisatie', value: x(36), codes: LEN },
  { rule: 'RS024', msg: '315', path: 'Client/AangevraagdeProducten/AangevraagdProduct/0/ReferentieAanbieder', value: x(37), codes: LEN },
  { rule: 'RS025', msg: '315', path: 'Client/AangevraagdeProducten/AangevraagdProduct/0/Verwijzer/Naam', value: x(65), codes: LEN },
  { rule: 'RS026', msg: '301', path: `${CG0}/Emailadres`, value: x(81), codes: LEN },
  { rule: 'RS028', msg: '301', path: 'Client/Naam/Geslachtsnaam/Achternaam', value: x(201), codes: LEN },
  { rule: 'RS031', msg: '315', path: 'Client/Commentaar', value: '   ', codes: [PATTERN, MIN_LENGTH] },
  { rule: 'RS032', msg: '301', path: `${TP0}/Ingangsdatum`, value: '2026-04-01Z', codes: [PATTERN, INVALID_DATE] },
  {
    rule: 'RS032',
    msg: '305',
    path: 'Client/StartProducten/StartProduct/0/Begindatum',
    value: '2026-04-03+01:00',
    codes: [PATTERN, INVALID_DATE],
  },
  { rule: 'RS033', msg: '301', path: `${TP0}/ReferentieAanbieder`, value: '', codes: [MIN_LENGTH, PATTERN] },
  { rule: 'RS033', msg: '319', path: 'Antwoord/ReferentieAanbieder', value: ' ', codes: [MIN_LENGTH, PATTERN] },
  { rule: 'RS034', msg: '301', path: `${TP0}/Toewijzingstijd`, value: '12:34:56Z', codes: [PATTERN, INVALID_TIME] },
  { rule: 'RS035', msg: '301', path: 'Header/Afzender', value: '384', codes: [PATTERN] },
  { rule: 'RS036', msg: '323', path: 'Header/Afzender', value: '6565605X', codes: [PATTERN] },
  { rule: 'RS037', msg: '317', path: 'Client/Bsn', value: '99990000A', codes: [PATTERN] },
  {
    rule: 'RS040',
    msg: '323',
    path: 'Declaratie/TotaalIngediendBedrag/TotaalBedrag',
    value: 1_000_000_000_000,
    codes: [MAX_INCLUSIVE, INVALID_INTEGER],
  },
  { rule: 'RS045', msg: '301', path: 'Client/Naam/Voorletters', value: 'T.', codes: [PATTERN] },
  { rule: 'RS046', msg: '301', path: `${CG0}/Telefoon/Telefoon01/Telefoonnummer`, value: '020-123', codes: [PATTERN] },
  { rule: 'RS047', msg: '307', path: 'Header/BerichtCode', value: '437', codes: [PATTERN, WRONG_BERICHTCODE] },
  { rule: 'RS048', msg: '301', path: 'Header/XsdVersie/BerichtXsdVersie', value: '1.0', codes: [PATTERN] },
];

const STANDARDS: readonly Standard[] = ['ijw', 'iwmo'];
const TODAY = '2026-11-23';

describe('rules marked xsd are rejected by the L1 engine', () => {
  for (const p of PROOFS) {
    for (const standard of STANDARDS) {
      it(`${p.rule} ${standard} ${p.msg}: ${p.path} = ${JSON.stringify(p.value).slice(0, 24)}`, () => {
        const { message, bericht } = base(standard, p.msg);
        set(bericht, p.path, p.value);
        const out = validateBericht(buildBericht(message, bericht), { today: TODAY });
        expect(out.l1Valid).toBe(false);
        const at = out.issues.filter((i) => i.path === abs(p.path));
        expect(at.length, JSON.stringify(out.issues)).toBeGreaterThan(0);
        for (const i of at) {
          expect(i.level).toBe('L1');
          expect(p.codes).toContain(i.code);
        }
      });
    }
  }

  it('retour header rows (RS017, RS032 on IdentificatieRetour/DagtekeningRetour) are enforced in a 302', () => {
    const xml = readFileSync(join(sharedDir(), 'istandaarden', 'samples', 'ijw', 'JW302.xml'), 'utf8');
    const parsed = parseBericht(xml);
    if (!parsed.success) throw new Error('JW302 sample not L1-valid');
    const b = structuredClone(parsed.bericht) as Obj;
    set(b, 'Header/IdentificatieRetour', '1234567890123');
    set(b, 'Header/DagtekeningRetour', '2023-07-15Z');
    const out = validateBericht(buildBericht(parsed.message, b), { today: TODAY });
    expect(out.issues.map((i) => [i.path, i.code])).toEqual(
      expect.arrayContaining([
        ['/Bericht/Header/IdentificatieRetour', MAX_LENGTH],
        ['/Bericht/Header/DagtekeningRetour', PATTERN],
      ]),
    );
  });

  it('TR409 n/a for iWmo: a Woonplaatsbeginsel in a WMO319 is an L1 unexpected-element', () => {
    const { message, bericht } = base('iwmo', '319');
    expect(message).toBe(MESSAGES.WMO319);
    const xml = buildBericht(message, bericht).replace(
      '</wmo319:Antwoord>',
      '<wmo319:Woonplaatsbeginsel><wmo319:Gemeente>0363</wmo319:Gemeente></wmo319:Woonplaatsbeginsel></wmo319:Antwoord>',
    );
    const out = validateBericht(xml, { today: TODAY });
    expect(out.issues).toContainEqual(
      expect.objectContaining({ level: 'L1', code: L1Code.UNEXPECTED_ELEMENT, path: '/Bericht/Antwoord/Woonplaatsbeginsel' }),
    );
  });

  it('every code declared xsd has a proof', () => {
    const proven = new Set(PROOFS.map((p) => p.rule));
    const declared = DECLARED_STATUS.filter((d) => d.status === 'xsd').map((d) => d.id);
    expect(declared.filter((d) => !proven.has(d))).toEqual([]);
  });

  it('the published JW317 sample is L1-valid but fails CS003 (sample defect noted in the report)', () => {
    const raw = sampleXml('317', false);
    const out = validateBericht(raw, { today: TODAY });
    expect(out.l1Valid).toBe(true);
    expect(out.issues.map((i) => i.code)).toEqual(['CS003']);
  });
});
