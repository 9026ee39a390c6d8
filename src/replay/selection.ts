/**
 * What a replay re-runs: a range (timestamps, or Kafka offsets) and optional filters. Parsed from CLI
 * arguments or an operator request into one shape; every problem is a machine-readable error.
 */
import { Action, type ActionCode } from '../decision/decision.js';

export type RangeBound =
  | { readonly kind: 'time'; readonly at: string }
  /** A Kafka offset: one number for every partition, or per partition. Inclusive for --from, exclusive for --to. */
  | { readonly kind: 'offset'; readonly all?: number; readonly perPartition?: Readonly<Record<number, number>> };

export interface ReplaySelection {
  readonly from: RangeBound;
  readonly to: RangeBound;
  readonly standard?: 'ijw' | 'iwmo';
  /** Message number, e.g. '323'. */
  readonly bericht?: string;
  /** 4-digit CBS code: Afzender or Ontvanger. */
  readonly gemeente?: string;
  /** 8-digit AGB code: Afzender or Ontvanger. */
  readonly aanbieder?: string;
  /** Only berichten whose journaled decision had this action (the decision core's Action codes). */
  readonly decision?: ActionCode;
}

export const SelectionErrorCode = {
  /** A required option is missing. */
  missing: 'missing-option',
  /** A value does not have the expected form. */
  invalid: 'invalid-value',
  /** --from is after --to. */
  emptyRange: 'empty-range',
  /** --from and --to mix a time and an offset. */
  mixedRange: 'mixed-range',
} as const;
export type SelectionErrorCodeValue = (typeof SelectionErrorCode)[keyof typeof SelectionErrorCode];

export class SelectionError extends Error {
  constructor(
    readonly code: SelectionErrorCodeValue,
    readonly option: string,
    message: string,
  ) {
    super(`${option}: ${message}`);
    this.name = 'SelectionError';
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `2026-11-01`, `2026-11-01T08:00:00Z` → time; `1200` or `0:120,1:80` → offset. */
export function parseBound(option: string, value: string): RangeBound {
  const v = value.trim();
  if (/^\d+$/.test(v)) return { kind: 'offset', all: Number(v) };
  if (/^\d+:\d+(?:,\d+:\d+)*$/.test(v)) {
    const perPartition: Record<number, number> = {};
    for (const part of v.split(',')) {
      const [p, o] = part.split(':').map(Number) as [number, number];
      perPartition[p] = o;
    }
    return { kind: 'offset', perPartition };
  }
  if (ISO.test(v)) {
    // A date or local time without zone is read as UTC so the selection does not depend on the
    // operator's machine; docs/kafka.md says to give a zone for local times.
    const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(v) || v.length === 10 ? v : `${v}Z`;
    const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : withZone.replace(' ', 'T'));
    if (!Number.isNaN(d.getTime())) return { kind: 'time', at: d.toISOString() };
  }
  throw new SelectionError(SelectionErrorCode.invalid, option, `'${value}' is neither an ISO date/time nor an offset (N or P:N,P:N)`);
}

export interface SelectionInput {
  readonly from?: string;
  readonly to?: string;
  readonly standard?: string;
  readonly bericht?: string;
  readonly gemeente?: string;
  readonly aanbieder?: string;
  readonly decision?: string;
}

export function parseSelection(input: SelectionInput): ReplaySelection {
  if (input.from === undefined) throw new SelectionError(SelectionErrorCode.missing, '--from', 'required (ISO time or offset)');
  if (input.to === undefined) throw new SelectionError(SelectionErrorCode.missing, '--to', 'required (ISO time or offset)');
  const from = parseBound('--from', input.from);
  const to = parseBound('--to', input.to);
  if (from.kind !== to.kind)
    throw new SelectionError(SelectionErrorCode.mixedRange, '--to', 'give both bounds as times or both as offsets');
  if (from.kind === 'time' && to.kind === 'time' && from.at >= to.at) {
    throw new SelectionError(SelectionErrorCode.emptyRange, '--to', `must be after --from (${from.at} .. ${to.at} is empty)`);
  }
  if (from.kind === 'offset' && to.kind === 'offset' && from.all !== undefined && to.all !== undefined && from.all >= to.all) {
    throw new SelectionError(SelectionErrorCode.emptyRange, '--to', `must be after --from (offsets ${from.all} .. ${to.all} are empty)`);
  }
  const sel: { -readonly [K in keyof ReplaySelection]: ReplaySelection[K] } = { from, to };
  if (input.standard !== undefined) {
    const s = input.standard.toLowerCase();
    if (s !== 'ijw' && s !== 'iwmo') throw new SelectionError(SelectionErrorCode.invalid, '--standard', `'${input.standard}': ijw or iwmo`);
    sel.standard = s;
  }
  if (input.bericht !== undefined) {
    const m = /^(?:JW|WMO)?(3\d{2})$/i.exec(input.bericht.trim());
    if (!m) throw new SelectionError(SelectionErrorCode.invalid, '--bericht', `'${input.bericht}': a message number such as 301 or 323`);
    sel.bericht = m[1]!;
  }
  if (input.gemeente !== undefined) {
    if (!/^\d{4}$/.test(input.gemeente))
      throw new SelectionError(SelectionErrorCode.invalid, '--gemeente', `'${input.gemeente}': a 4-digit CBS gemeentecode`);
    sel.gemeente = input.gemeente;
  }
  if (input.aanbieder !== undefined) {
    if (!/^\d{8}$/.test(input.aanbieder))
      throw new SelectionError(SelectionErrorCode.invalid, '--aanbieder', `'${input.aanbieder}': an 8-digit AGB code`);
    sel.aanbieder = input.aanbieder;
  }
  if (input.decision !== undefined) {
    if (!(input.decision in Action))
      throw new SelectionError(SelectionErrorCode.invalid, '--decision', `'${input.decision}': route, suppress or refuse`);
    sel.decision = input.decision as ActionCode;
  }
  return sel;
}
