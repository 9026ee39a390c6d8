/**
 * The volume arithmetic of TR321/TR322/TR369: how much a toegewezen Omvang allows over a period, in
 * the prestatie's Eenheid. Our reading of "rekening houdend met Eenheid en Frequentie" (no formula is
 * given in the rule): per dag × days, per week × days ÷ 7, per maand × calendar months touched, totaal
 * once; hours may be declared in minutes (× 60). Dates are `YYYY-MM-DD`; no clock.
 */
import type { EenheidCode, FrequentieCode } from '../../standard/generated/codelists.js';
import type { ConversationItem, PrestatieRegel } from '../types.js';
import { CREDIT, DEBET } from './declaratie.js';

const UUR: EenheidCode = '04';
const MINUUT: EenheidCode = '01';
const PER_DAG: FrequentieCode = '1';
const PER_WEEK: FrequentieCode = '2';
const PER_MAAND: FrequentieCode = '4';
const TOTAAL: FrequentieCode = '6';

const dag = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

/** Days from `begin` to `eind`, both included. */
export const dagen = (begin: string, eind: string): number => dag(eind) - dag(begin) + 1;

/** Calendar months the period touches. */
export const maanden = (begin: string, eind: string): number =>
  (Number(eind.slice(0, 4)) - Number(begin.slice(0, 4))) * 12 + Number(eind.slice(5, 7)) - Number(begin.slice(5, 7)) + 1;

/** The factor from the toegewezen Eenheid to the prestatie's; undefined when they do not convert (TR341's). */
export function factor(toegewezen: string, gedeclareerd: string): number | undefined {
  if (toegewezen === gedeclareerd) return 1;
  if (toegewezen === UUR && gedeclareerd === MINUUT) return 60;
  return undefined;
}

/** What `omvang` allows over [begin, eind] in the prestatie's Eenheid; undefined when it cannot be said. */
export function toegestaan(
  omvang: { readonly volume: string; readonly eenheid: string; readonly frequentie: string },
  eenheid: string,
  begin: string,
  eind: string,
): number | undefined {
  const f = factor(omvang.eenheid, eenheid);
  const v = Number(omvang.volume);
  if (f === undefined || !Number.isFinite(v)) return undefined;
  switch (omvang.frequentie) {
    case PER_DAG:
      return v * f * dagen(begin, eind);
    case PER_WEEK:
      return (v * f * dagen(begin, eind)) / 7;
    case PER_MAAND:
      return v * f * maanden(begin, eind);
    case TOTAAL:
      return v * f;
    default:
      return undefined;
  }
}

/**
 * The GeleverdVolume declared on one toewijzing so far, with this bericht's prestaties on it: approved
 * earlier debets no approved credit names, plus this bericht's debets, less the debets its credits name.
 */
export function gedeclareerd(eerder: readonly PrestatieRegel[], hier: readonly ConversationItem[]): number {
  const credited = new Set(
    [...eerder.filter((p) => p.goedgekeurd).map((p) => p.item), ...hier].flatMap((it) =>
      it.debetCredit === CREDIT && it.vorigReferentie !== undefined ? [it.vorigReferentie] : [],
    ),
  );
  let som = 0;
  for (const p of eerder)
    if (p.goedgekeurd && p.item.debetCredit === DEBET && !credited.has(p.item.productReferentie ?? ''))
      som += Number(p.item.geleverdVolume ?? 0);
  for (const it of hier) if (it.debetCredit === DEBET) som += Number(it.geleverdVolume ?? 0);
  return som;
}
