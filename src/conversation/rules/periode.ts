/** Calendar months as the period rules (TR318, TR387, TR388) use them: `YYYY-MM-DD` strings, no clock. */

/** `YYYY-MM` of a date. */
export const maand = (d: string): string => d.slice(0, 7);

/** The first day of the date's month. */
export const eersteDag = (d: string): string => `${maand(d)}-01`;

/** The last day of the date's month (Gregorian). */
export function laatsteDag(d: string): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const dagen = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${maand(d)}-${String(dagen).padStart(2, '0')}`;
}

/** The month after `YYYY-MM`. */
export function volgendeMaand(m: string): string {
  const y = Number(m.slice(0, 4));
  const n = Number(m.slice(5, 7));
  return n === 12 ? `${y + 1}-01` : `${y}-${String(n + 1).padStart(2, '0')}`;
}
