/**
 * The L2 date reader and the date rules, against every lexical form xs:date accepts: years of four
 * and more digits, negative years, and timezones. The reference below is written independently of
 * `./dates.ts` (calendar tuples and a one-day carry instead of day numbers) and follows XSD 1.0
 * §3.2.7.4: dates with a timezone compare by their first instant, dates without by their day, a mixed
 * pair only when more than 14 hours apart. A rule must fire exactly when its ordering does not
 * certainly hold — never pass silently on a date it cannot order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Standard } from '../../standard/model.js';
import { abs, base, dup, set, del, type BaseNummer, type Obj } from '../../../test/support/l2-fixtures.js';
import { isValidDate } from '../simple-types.js';
import { compareDates, readDate, yearsBefore } from './dates.js';
import { runL2OnObject } from './runner.js';

// ---------------------------------------------------------------------------------------------
// Reference

interface Ref {
  readonly y: bigint; // lexical year, never 0
  readonly m: number;
  readonly d: number;
  readonly tz: number | undefined; // minutes east of UTC
  /** How a zero offset is written: `Z`, `+00:00` or `-00:00`. */
  readonly zero?: string;
}

const leap = (y: bigint): boolean => (y % 4n === 0n && y % 100n !== 0n) || y % 400n === 0n;
const monthDays = (y: bigint, m: number): number =>
  m === 2 ? (leap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

function refParse(s: string): Ref {
  const m = /^(-?)(\d{4,})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?$/.exec(s)!;
  const y = BigInt(m[2]!) * (m[1] ? -1n : 1n);
  const z = m[5];
  const tz = z === undefined ? undefined : z === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4)));
  return { y, m: Number(m[3]), d: Number(m[4]), tz };
}

type Instant = readonly [bigint, number, number, number]; // UTC y, m, d, minute of day

function prevDay(y: bigint, m: number, d: number): [bigint, number, number] {
  if (d > 1) return [y, m, d - 1];
  if (m > 1) return [y, m - 1, monthDays(y, m - 1)];
  return [y === 1n ? -1n : y - 1n, 12, 31];
}

/** The first instant of local date (y, m, d) in timezone `tz` (|tz| < 24h, so at most one day back). */
function instant(r: { y: bigint; m: number; d: number }, tz: number): Instant {
  if (tz <= 0) return [r.y, r.m, r.d, -tz];
  const [y, m, d] = prevDay(r.y, r.m, r.d);
  return [y, m, d, 1440 - tz];
}

function cmpTuple(a: readonly (bigint | number)[], b: readonly (bigint | number)[]): -1 | 0 | 1 {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

function refCompare(a: Ref, b: Ref): -1 | 0 | 1 | undefined {
  if (a.tz === undefined && b.tz === undefined) return cmpTuple([a.y, a.m, a.d], [b.y, b.m, b.d]);
  if (a.tz !== undefined && b.tz !== undefined) return cmpTuple(instant(a, a.tz), instant(b, b.tz));
  if (a.tz === undefined) {
    const r = refCompare(b, a);
    return r === undefined ? undefined : r === 0 ? 0 : r === 1 ? -1 : 1;
  }
  const p = instant(a, a.tz);
  if (cmpTuple(p, instant(b, 14 * 60)) < 0) return -1;
  if (cmpTuple(p, instant(b, -14 * 60)) > 0) return 1;
  return undefined;
}

type Rel = '<' | '<=' | '=' | '>=' | '>';
function holds(a: Ref, rel: Rel, b: Ref): boolean {
  const c = refCompare(a, b);
  if (c === undefined) return false;
  return rel === '<' ? c < 0 : rel === '<=' ? c <= 0 : rel === '=' ? c === 0 : rel === '>=' ? c >= 0 : c > 0;
}

/** n years before, same month/day/timezone; lexical years skip 0. */
function refYearsBefore(r: Ref, n: number): Ref {
  const astro = (r.y < 0n ? r.y + 1n : r.y) - BigInt(n);
  return { ...r, y: astro <= 0n ? astro - 1n : astro };
}

// ---------------------------------------------------------------------------------------------
// Generators: every lexical form of xs:date

const pad = (n: number | bigint, w: number): string => String(n).padStart(w, '0');

function lexical(r: Ref): string {
  const ay = r.y < 0n ? -r.y : r.y;
  const tz =
    r.tz === undefined
      ? ''
      : r.tz === 0
        ? (r.zero ?? 'Z')
        : `${r.tz < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(r.tz) / 60), 2)}:${pad(Math.abs(r.tz) % 60, 2)}`;
  return `${r.y < 0n ? '-' : ''}${pad(ay, 4)}-${pad(r.m, 2)}-${pad(r.d, 2)}${tz}`;
}

const yearArb: fc.Arbitrary<bigint> = fc
  .oneof(
    fc.bigInt(1n, 9999n), // four digits, leading zeros included
    fc.bigInt(2015n, 2030n), // the years the base berichten live in: many close calls
    fc.bigInt(10000n, 999_999_999n), // five to nine digits
    fc.bigInt(1_000_000_000n, 10n ** 20n), // beyond exact doubles
  )
  .chain((y) => fc.boolean().map((neg) => (neg ? -y : y)));

const tzArb: fc.Arbitrary<{ tz: number | undefined; zero?: string }> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ tz: undefined }) },
  { weight: 1, arbitrary: fc.constantFrom({ tz: 0, zero: 'Z' }, { tz: 0, zero: '+00:00' }, { tz: 0, zero: '-00:00' }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 59 }), fc.boolean())
      .map(([h, m, neg]) => ({ tz: (neg ? -1 : 1) * (h * 60 + m) })),
  },
  { weight: 1, arbitrary: fc.constantFrom({ tz: 14 * 60 }, { tz: -14 * 60 }) },
);

function withTz(y: bigint, m: number, d: number, t: { tz: number | undefined; zero?: string }): Ref {
  return t.zero ? { y, m, d, tz: t.tz, zero: t.zero } : { y, m, d, tz: t.tz };
}

const dateArb: fc.Arbitrary<Ref> = fc
  .tuple(yearArb, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), tzArb)
  .map(([y, m, d, t]) => withTz(y, m, Math.min(d, monthDays(y, m)), t));

/** A second date near the first (same day ± 2, other timezone): where the order is close or undetermined. */
const nearArb = (r: Ref): fc.Arbitrary<Ref> =>
  fc.tuple(fc.integer({ min: -2, max: 2 }), tzArb).map(([delta, t]) => {
    let [y, m, d] = [r.y, r.m, r.d];
    for (let i = 0; i < -delta; i++) [y, m, d] = prevDay(y, m, d);
    for (let i = 0; i < delta; i++) {
      if (d < monthDays(y, m)) d++;
      else if (m < 12) [m, d] = [m + 1, 1];
      else [y, m, d] = [y === -1n ? 1n : y + 1n, 1, 1];
    }
    return withTz(y, m, d, t);
  });

const pairArb: fc.Arbitrary<[Ref, Ref]> = fc.oneof(
  fc.tuple(dateArb, dateArb),
  dateArb.chain((a) => nearArb(a).map((b): [Ref, Ref] => [a, b])),
);

// ---------------------------------------------------------------------------------------------

describe('readDate / compareDates', () => {
  it('every generated form is an xs:date L1 accepts, and reads as readable', () => {
    fc.assert(
      fc.property(dateArb, (r) => {
        const s = lexical(r);
        expect(isValidDate(s), s).toBe(true);
        expect(readDate(s).readable).toBe(true);
        const back = refParse(s);
        expect([back.y, back.m, back.d, String(back.tz)]).toEqual([r.y, r.m, r.d, String(r.tz)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('orders every pair as the reference does (undetermined included)', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        expect(compareDates(readDate(lexical(a)), readDate(lexical(b))), `${lexical(a)} vs ${lexical(b)}`).toBe(refCompare(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('yearsBefore agrees with the reference as a bound', () => {
    fc.assert(
      fc.property(pairArb, fc.constantFrom(5, 120), ([a, b], n) => {
        const ours = compareDates(readDate(lexical(a)), yearsBefore(readDate(lexical(b)), n));
        expect(ours).toBe(refCompare(a, refYearsBefore(b, n)));
      }),
      { numRuns: 3000 },
    );
  });

  it('fixed cases: five-digit, negative, timezones, no year 0', () => {
    const c = (a: string, b: string): number | undefined => compareDates(readDate(a), readDate(b));
    expect(c('10000-01-01', '9999-12-31')).toBe(1);
    expect(c('-0001-12-31', '0001-01-01')).toBe(-1);
    expect(c('-10000-01-01', '-9999-01-01')).toBe(-1);
    expect(c('2024-01-01Z', '2024-01-01+00:00')).toBe(0);
    expect(c('2000-01-02+12:00', '2000-01-01-12:00')).toBe(0);
    expect(c('2024-01-01Z', '2024-01-01')).toBeUndefined();
    expect(c('2024-01-01-13:00', '2024-01-01')).toBeUndefined(); // 13h apart: within 14h
    expect(c('2024-01-02Z', '2024-01-01')).toBe(1); // 24h apart
    expect(c('2023-12-31+14:00', '2024-01-01')).toBe(-1);
    expect(c('2024-02-30', '2024-01-01')).toBeUndefined(); // not a date: unreadable
    expect(c('0000-01-01', '2024-01-01')).toBeUndefined();
    expect(c('123456789012345678901-01-01', '123456789012345678900-12-31')).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Every date rule: fires exactly when its ordering does not certainly hold.

const TODAY = '2026-11-23';
const HEADER_DT = 'Header/BerichtIdentificatie/Dagtekening';
const TP = 'Client/ToegewezenProducten/ToegewezenProduct';
const AP = 'Client/AangevraagdeProducten/AangevraagdProduct';
const NP = 'Client/Verzoek/NieuweProducten/NieuwProduct';
const TWP = 'Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct';
const CG = 'Client/Contactgegevens/Contact';
const PR = 'Declaratie/Clienten/Client/0/Prestaties/Prestatie/0';
const JAN_2021: Ref = { y: 2021n, m: 1, d: 1, tz: undefined };

interface DateRuleCase {
  readonly rule: string;
  readonly msg: BaseNummer;
  /** The class instance the issue must be reported on (typed-object path). */
  readonly at: string;
  /** Where each generated date goes (typed-object paths). */
  readonly fields: readonly string[];
  readonly setup?: (b: Obj) => void;
  /** Only issues at these paths (relative to `at`) count: others in the class come from other fields. */
  readonly only?: readonly string[];
  /** The reference verdict: does the rule have to fire for these dates? */
  readonly violated: (d: readonly Ref[]) => boolean;
}

const notBefore = (rule: string, msg: BaseNummer, at: string, begin: string, end: string, setup?: (b: Obj) => void): DateRuleCase => ({
  rule,
  msg,
  at,
  fields: [`${at}/${begin}`, `${at}/${end}`],
  ...(setup ? { setup } : {}),
  violated: ([b, e]) => !holds(e!, '>=', b!),
});

const CASES: readonly DateRuleCase[] = [
  notBefore('CS003', '301', `${TP}/0`, 'Ingangsdatum', 'Einddatum'),
  notBefore('CS003', '315', `${AP}/0`, 'ToewijzingIngangsdatum', 'ToewijzingEinddatum'),
  notBefore('CS003', '317', `${NP}/0`, 'GewensteIngangsdatum', 'Einddatum'),
  notBefore('CS003', '317', `${TWP}/0`, 'GewensteIngangsdatum', 'Einddatum', (b) =>
    set(b, 'Client/Verzoek/TeWijzigenProducten', {
      TeWijzigenProduct: [{ ToewijzingNummer: '10072', GewensteIngangsdatum: '2026-11-01', Einddatum: '2027-06-30' }],
    }),
  ),
  notBefore('CS003', '301', `${CG}/0`, 'Periode/Begindatum', 'Periode/Einddatum', (b) => set(b, `${CG}/0/Periode`, {})),
  notBefore('TR018', '307', 'Client/StopProducten/StopProduct/0', 'Begindatum', 'Einddatum'),
  {
    rule: 'TR134',
    msg: '305',
    at: 'Client/StartProducten/StartProduct/0',
    fields: [HEADER_DT, 'Client/StartProducten/StartProduct/0/Begindatum'],
    violated: ([dt, d]) => !holds(d!, '<=', dt!),
  },
  {
    rule: 'TR134',
    msg: '301',
    at: 'Client',
    fields: [HEADER_DT, 'Client/Geboortedatum/Datum'],
    only: ['Geboortedatum/Datum'],
    violated: ([dt, d]) => !holds(d!, '<=', dt!),
  },
  {
    rule: 'TR137',
    msg: '323',
    at: 'Declaratie',
    fields: [HEADER_DT, 'Declaratie/DeclaratiePeriode/Begindatum', 'Declaratie/DeclaratiePeriode/Einddatum'],
    only: ['DeclaratiePeriode/Einddatum'],
    violated: ([dt, b, e]) => !holds(e!, '>=', b!) || !holds(e!, '<=', dt!),
  },
  {
    rule: 'TR137',
    msg: '325',
    at: 'DeclaratieAntwoord/Clienten/Client/0/Prestaties/Prestatie/0',
    fields: [
      HEADER_DT,
      'DeclaratieAntwoord/Clienten/Client/0/Prestaties/Prestatie/0/ProductPeriode/Begindatum',
      'DeclaratieAntwoord/Clienten/Client/0/Prestaties/Prestatie/0/ProductPeriode/Einddatum',
    ],
    violated: ([dt, b, e]) => !holds(e!, '>=', b!) || !holds(e!, '<=', dt!),
  },
  {
    rule: 'TR380',
    msg: '317',
    at: `${NP}/0`,
    fields: [HEADER_DT, `${NP}/0/GewensteIngangsdatum`],
    violated: ([dt, d]) => !holds(d!, '>', dt!),
  },
  {
    rule: 'CS100',
    msg: '323',
    at: 'Declaratie',
    fields: ['Declaratie/DeclaratiePeriode/Begindatum', 'Declaratie/DeclaratiePeriode/Einddatum'],
    violated: ([b, e]) => !holds(b!, '>=', JAN_2021) || !holds(e!, '>=', JAN_2021),
  },
  {
    rule: 'TR335',
    msg: '323',
    at: PR,
    fields: ['Declaratie/DeclaratieDagtekening', `${PR}/ProductPeriode/Einddatum`],
    violated: ([dd, e]) => !holds(e!, '>=', refYearsBefore(dd!, 5)),
  },
  {
    rule: 'TR002',
    msg: '301',
    at: 'Client',
    fields: [HEADER_DT, 'Client/Geboortedatum/Datum'],
    setup: (b) => del(b, 'Client/Geboortedatum/DatumGebruik'),
    only: ['Geboortedatum'],
    violated: ([dt, d]) => !holds(d!, '>=', refYearsBefore(dt!, 120)),
  },
  {
    rule: 'CS335',
    msg: '301',
    at: `${TP}/0`,
    fields: [`${TP}/0/Ingangsdatum`, `${TP}/0/Einddatum`],
    setup: (b) => set(b, `${TP}/0/RedenWijziging`, '13'),
    violated: ([i, e]) => !holds(e!, '=', i!),
  },
  {
    rule: 'CS337',
    msg: '323',
    at: PR,
    fields: [`${PR}/ProductPeriode/Begindatum`, `${PR}/ProductPeriode/Einddatum`],
    violated: ([b, e]) => !(b!.y === e!.y && b!.m === e!.m),
  },
  {
    rule: 'CS340',
    msg: '323',
    at: 'Declaratie',
    fields: ['Declaratie/DeclaratiePeriode/Begindatum', 'Declaratie/DeclaratiePeriode/Einddatum'],
    violated: ([b, e]) => !(b!.d === 1 && b!.y === e!.y && b!.m === e!.m && e!.d === monthDays(e!.y, e!.m)),
  },
  {
    rule: 'CS139',
    msg: '301',
    at: 'Client',
    fields: ['Client/Geboortedatum/Datum'],
    setup: (b) => set(b, 'Client/Geboortedatum/DatumGebruik', '2'),
    violated: ([d]) => !(d!.d === 1 && d!.m === 1),
  },
  {
    rule: 'TR302',
    msg: '301',
    at: 'Client/ToegewezenProducten',
    fields: [`${TP}/0/Ingangsdatum`, `${TP}/0/Einddatum`, `${TP}/1/Ingangsdatum`, `${TP}/1/Einddatum`],
    setup: (b) => {
      del(b, `${TP}/1`);
      dup(b, TP);
      set(b, `${TP}/1/ToewijzingNummer`, '99999');
    },
    violated: ([b0, e0, b1, e1]) => !(holds(b0!, '>', e1!) || holds(b1!, '>', e0!)),
  },
];

const STANDARDS: readonly Standard[] = ['ijw', 'iwmo'];

/** Dates for a case: pairs are often near each other, so close and undetermined orders are common. */
function datesArb(n: number): fc.Arbitrary<Ref[]> {
  if (n === 1) return dateArb.map((d) => [d]);
  return fc.tuple(pairArb, fc.array(dateArb, { minLength: n - 2, maxLength: n - 2 })).chain(([[a, b], rest]) =>
    n === 2
      ? fc.constant([a, b])
      : // three or four dates: the later ones near the first two as well
        fc.tuple(...rest.map((_, i) => (i % 2 === 0 ? nearArb(b) : nearArb(a)))).map((more) => [a, b, ...more]),
  );
}

describe('every L2 date rule fails closed: it fires exactly when its ordering is not certain', () => {
  for (const c of CASES) {
    for (const standard of STANDARDS) {
      it(`${c.rule} ${standard} ${c.msg} ${c.at}`, () => {
        fc.assert(
          fc.property(datesArb(c.fields.length), (dates) => {
            const { message, bericht } = base(standard, c.msg);
            c.setup?.(bericht);
            c.fields.forEach((f, i) => set(bericht, f, lexical(dates[i]!)));
            const issues = runL2OnObject(message, bericht, { today: TODAY });
            const at = abs(c.at);
            const fired = issues.some(
              (i) =>
                i.rule === c.rule &&
                (i.path === at || (i.path.startsWith(`${at}/`) && (!c.only || c.only.includes(i.path.slice(at.length + 1))))),
            );
            expect(fired, `${c.rule} with ${dates.map(lexical).join(', ')}`).toBe(c.violated(dates));
          }),
          { numRuns: 300 },
        );
      });
    }
  }
});
