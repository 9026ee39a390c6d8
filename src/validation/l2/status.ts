/**
 * Rules of the condities/constraints/restricties table and the xslt-TR list that are NOT in the L2
 * rule table, with the reason: either the XSD (and so our L1 engine) already enforces them —
 * proven per code in `xsd-enforced.test.ts` — or they cannot apply. Everything else must be
 * encoded in `rules.ts`; the coverage test fails on a (rule, bericht) pair that is neither.
 */
import { NUMMER } from '../../standard/catalog.js';
import type { BerichtNummer, Standard } from '../../standard/model.js';

/** `retour`: the "JW Retour"/"WMO Retour" rows of the table (header of 302/306/308/316/318/320). */
export type TableBericht = BerichtNummer | 'retour';

export interface DeclaredStatus {
  readonly id: string;
  readonly status: 'xsd' | 'n/a';
  /** Only for these berichten; all rows of the code when absent. */
  readonly messages?: readonly TableBericht[];
  readonly standards?: readonly Standard[];
  /** Our words: which XSD facet enforces it, or why it does not apply. */
  readonly why: string;
}

const maxLen = (n: number): string =>
  `maxLength ${n} on the element's type (for code lists: every enumerated code is at most ${n} characters; for fixed-format types the pattern pins the length) → L1 \`max-length\`/\`enumeration\`/\`pattern\``;

export const DECLARED_STATUS: readonly DeclaredStatus[] = [
  { id: 'CS015', status: 'xsd', why: 'every message XSD restricts Header/BerichtSubversie to the pattern `2` → L1 `pattern`' },
  { id: 'CS025', status: 'xsd', why: 'every message XSD restricts Header/BerichtVersie to the pattern `3` → L1 `pattern`' },
  {
    id: 'CS319',
    status: 'xsd',
    messages: [NUMMER.declaratie],
    why: 'the 323 XSD restricts Declaratie/DeclaratieNummer to `([a-zA-Z0-9])+` → L1 `pattern`',
  },
  {
    id: 'TR377',
    status: 'n/a',
    standards: ['iwmo'],
    why: 'WMO319 has no Woonplaatsbeginsel class (an iJw-only element); the iJw TR list names "WMO319" for it, which the iWmo XSD cannot carry',
  },
  {
    id: 'TR409',
    status: 'n/a',
    standards: ['iwmo'],
    why: 'WMO319 has no Woonplaatsbeginsel class, so it can never be present; enforced by the XSD (an unexpected Woonplaatsbeginsel is L1 `unexpected-element`)',
  },
  {
    id: 'RS001',
    status: 'xsd',
    why: 'minInclusive 0 on the integer types (LDT_Nummer, LDT_Volume, LDT_Bedrag, LDT_Huisnummer, …) → L1 `min-inclusive`',
  },
  { id: 'RS002', status: 'xsd', why: 'maxInclusive 99 (LDT_BerichtVersie/-Subversie, LDT_RelatieVolgorde) → L1 `max-inclusive`' },
  { id: 'RS004', status: 'xsd', why: 'maxInclusive 99999 on LDT_Huisnummer → L1 `max-inclusive`' },
  { id: 'RS005', status: 'xsd', why: 'maxInclusive 99999999 on LDT_Volume, LDT_Bedrag, LDT_Budget → L1 `max-inclusive`' },
  { id: 'RS006', status: 'xsd', why: 'maxInclusive 999999999 on LDT_Nummer → L1 `max-inclusive`' },
  { id: 'RS008', status: 'xsd', why: maxLen(1) },
  { id: 'RS009', status: 'xsd', why: maxLen(2) },
  { id: 'RS010', status: 'xsd', why: maxLen(3) },
  { id: 'RS011', status: 'xsd', why: maxLen(4) },
  { id: 'RS012', status: 'xsd', why: maxLen(5) },
  { id: 'RS013', status: 'xsd', why: maxLen(6) },
  { id: 'RS014', status: 'xsd', why: maxLen(8) },
  { id: 'RS015', status: 'xsd', why: maxLen(9) },
  { id: 'RS016', status: 'xsd', why: maxLen(10) },
  { id: 'RS017', status: 'xsd', why: maxLen(12) },
  { id: 'RS018', status: 'xsd', why: maxLen(15) },
  { id: 'RS019', status: 'xsd', why: maxLen(20) },
  { id: 'RS020', status: 'xsd', why: maxLen(24) },
  { id: 'RS021', status: 'xsd', why: maxLen(25) },
  { id: 'RS023', status: 'xsd', why: maxLen(35) },
  { id: 'RS024', status: 'xsd', why: maxLen(36) },
  { id: 'RS025', status: 'xsd', why: maxLen(64) },
  { id: 'RS026', status: 'xsd', why: maxLen(80) },
  { id: 'RS028', status: 'xsd', why: maxLen(200) },
  {
    id: 'RS031',
    status: 'xsd',
    why: 'LDT_Commentaar has minLength 1 and a pattern that needs a non-space character → L1 `min-length`/`pattern`',
  },
  { id: 'RS032', status: 'xsd', why: 'LDT_Datum is xs:date with pattern `[^:Z]*` (no timezone) → L1 `pattern`' },
  {
    id: 'RS033',
    status: 'xsd',
    why: 'minLength 1 and the not-blank pattern `.*[^\\s].*` on the string types; dates, integers and code lists cannot be empty either → L1 `min-length`/`pattern`/`invalid-*`/`enumeration`',
  },
  { id: 'RS034', status: 'xsd', why: 'LDT_Tijd is xs:time with pattern `[^Z+-]+` (no timezone) → L1 `pattern`' },
  { id: 'RS035', status: 'xsd', why: 'LDT_Gemeente pattern `[0-9]{4}` → L1 `pattern`' },
  { id: 'RS036', status: 'xsd', why: 'LDT_AgbCode pattern `[0-9]{8}` → L1 `pattern`' },
  { id: 'RS037', status: 'xsd', why: 'LDT_BurgerServicenummer pattern `[0-9]{9}` → L1 `pattern`' },
  { id: 'RS040', status: 'xsd', why: 'maxInclusive 999999999999 on LDT_TotaalBedrag → L1 `max-inclusive`' },
  { id: 'RS045', status: 'xsd', why: 'LDT_Voorletters pattern `([a-zA-ZÀ-ỳ])+` (letters only: no dots, no spaces) → L1 `pattern`' },
  { id: 'RS046', status: 'xsd', why: 'LDT_Telefoonnummer pattern `[0-9]*` → L1 `pattern`' },
  { id: 'RS047', status: 'xsd', why: 'each message XSD fixes Header/BerichtCode to its own code by pattern (e.g. 436) → L1 `pattern`' },
  { id: 'RS048', status: 'xsd', why: 'LDT_Versie pattern `n.n.n` → L1 `pattern`' },
];
