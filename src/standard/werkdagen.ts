/**
 * Dutch working days, for the termijnen of the standard ("binnen drie werkdagen", OP090). The
 * standard does not list its holidays; Sluis counts the days the Algemene termijnenwet (art. 3)
 * names as algemeen erkende feestdagen, with Saturday and Sunday: Nieuwjaarsdag, tweede Paasdag,
 * Koningsdag, Hemelvaartsdag, tweede Pinksterdag, both Kerstdagen, and 5 May (Bevrijdingsdag, which
 * that law counts every year; `bevrijdingsdag: false` leaves it out for a chain that agrees so).
 * Goede Vrijdag is not among them. Dates are `YYYY-MM-DD` (a Dutch date, no time zone); all
 * arithmetic is on UTC midnight, so no daylight-saving hour can shift a day.
 */

export interface WerkdagOpties {
  /** Count 5 May as a holiday every year (default true, as the Algemene termijnenwet does). */
  readonly bevrijdingsdag?: boolean;
}

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const ymd = (y: number, m: number, d: number): string => fromUtc(Date.UTC(y, m - 1, d));

/** `date` plus `days` calendar days. */
export function plusDagen(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function paaszondag(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The feestdagen of one year that fall on a weekday or weekend alike, with their names, in date order. */
export function feestdagen(year: number, opties: WerkdagOpties = {}): readonly { readonly datum: string; readonly naam: string }[] {
  const pasen = paaszondag(year);
  // Koningsdag is 27 April, or the 26th when the 27th is a Sunday (Wet viering Koningsdag).
  const k27 = ymd(year, 4, 27);
  const koningsdag = new Date(toUtc(k27)).getUTCDay() === 0 ? ymd(year, 4, 26) : k27;
  const days = [
    { datum: ymd(year, 1, 1), naam: 'Nieuwjaarsdag' },
    { datum: plusDagen(pasen, 1), naam: 'Tweede Paasdag' },
    { datum: koningsdag, naam: 'Koningsdag' },
    ...(opties.bevrijdingsdag === false ? [] : [{ datum: ymd(year, 5, 5), naam: 'Bevrijdingsdag' }]),
    { datum: plusDagen(pasen, 39), naam: 'Hemelvaartsdag' },
    { datum: plusDagen(pasen, 50), naam: 'Tweede Pinksterdag' },
    { datum: ymd(year, 12, 25), naam: 'Eerste Kerstdag' },
    { datum: ymd(year, 12, 26), naam: 'Tweede Kerstdag' },
  ];
  return days.sort((x, y) => (x.datum < y.datum ? -1 : x.datum > y.datum ? 1 : 0));
}

/** A working-day calendar: one per setting, holidays computed per year on first use and kept. */
export class Werkdagen {
  private readonly years = new Map<number, ReadonlySet<string>>();

  constructor(private readonly opties: WerkdagOpties = {}) {}

  private holidays(year: number): ReadonlySet<string> {
    let s = this.years.get(year);
    if (!s) {
      s = new Set(feestdagen(year, this.opties).map((f) => f.datum));
      this.years.set(year, s);
    }
    return s;
  }

  /** Monday to Friday and no feestdag. */
  isWerkdag(date: string): boolean {
    const dow = new Date(toUtc(date)).getUTCDay();
    return dow !== 0 && dow !== 6 && !this.holidays(Number(date.slice(0, 4))).has(date);
  }

  /**
   * The last day of a termijn of `n` working days starting on `date` (the day of receipt itself does
   * not count): the n-th working day after it. An answer on that day is in time; the next day it is late.
   */
  plusWerkdagen(date: string, n: number): string {
    let d = date;
    for (let left = n; left > 0;) {
      d = plusDagen(d, 1);
      if (this.isWerkdag(d)) left--;
    }
    return d;
  }

  /** Working days from `from` (exclusive) up to and including `to`; 0 when `to` is not after `from`. */
  werkdagenTussen(from: string, to: string): number {
    let n = 0;
    for (let d = plusDagen(from, 1); d <= to; d = plusDagen(d, 1)) if (this.isWerkdag(d)) n++;
    return n;
  }
}
