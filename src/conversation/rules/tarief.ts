/** Eenheid codes (WJ756) the tariff rules need, and integer arithmetic on eurocent amounts. */
import type { AfgesprokenTarief } from '../bronnen.js';

/** Eenheid (WJ756) codes the tariff rules treat specially. */
export const EenheidCode = {
  /** Minuut: may be declared against an hourly tarief (IV081). */
  minuut: '01',
  /** Uur. */
  uur: '04',
  /** Euro's: the volume is the amount, there is no tarief. */
  euros: '83',
} as const;

/** a × b on decimal integer strings, exact (amounts × volumes can pass 2^53). */
export function times(a: string, b: string): bigint | undefined {
  return /^\d+$/.test(a) && /^\d+$/.test(b) ? BigInt(a) * BigInt(b) : undefined;
}

/** round(uurtarief × minuten / 60) in eurocent, halves up (IV081: first multiply, then divide, then round). */
export function minutenBedrag(uurtarief: number, minuten: string): bigint | undefined {
  if (!/^\d+$/.test(minuten) || !Number.isSafeInteger(uurtarief)) return undefined;
  const x = BigInt(uurtarief) * BigInt(minuten);
  return (x * 2n + 60n) / 120n;
}

/** The agreed hourly tarieven, for a prestatie in minutes. */
export function uurtarieven(tarieven: readonly AfgesprokenTarief[]): number[] {
  return tarieven.filter((t) => t.eenheid === EenheidCode.uur).map((t) => t.tarief);
}
