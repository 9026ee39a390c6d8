/**
 * What one registry version changes, contract by contract (pure): the durable registry
 * (src/pipeline/contract-register.ts) records it per version, so a contract's history reads before
 * and after without replaying documents. A contract is never removed from the registry: it is
 * end-dated (periode.totEnMet), so its history and the decisions taken under it stay explainable.
 */
import type { Contract, RegistryDocument } from './types.js';

/** How a version changed one contract. */
export const WijzigingSoort = {
  /** The contract is new in this version. */
  aangemaakt: 'aangemaakt',
  /** Anything changed other than only an earlier (or first) end date. */
  gewijzigd: 'gewijzigd',
  /** Only periode.totEnMet changed, to a date earlier than before (or set where there was none). */
  beeindigd: 'beeindigd',
} as const;
export type WijzigingSoortCode = keyof typeof WijzigingSoort;

export interface ContractWijziging {
  readonly contractId: string;
  readonly soort: WijzigingSoortCode;
  readonly voor?: Contract;
  readonly na: Contract;
}

/** JSON with object keys sorted: equal for documents that differ only in key order or whitespace. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function onlyEndDated(voor: Contract, na: Contract): boolean {
  const { periode: pv, ...restV } = voor;
  const { periode: pn, ...restN } = na;
  if (canonicalJson(restV) !== canonicalJson(restN) || pv.van !== pn.van || pn.totEnMet === undefined) return false;
  return pv.totEnMet === undefined || pn.totEnMet < pv.totEnMet;
}

/** The contracts `after` adds or changes relative to `before` (absent: everything is new). */
export function contractWijzigingen(before: RegistryDocument | undefined, after: RegistryDocument): ContractWijziging[] {
  const old = new Map((before?.contracten ?? []).map((c) => [c.id, c]));
  const out: ContractWijziging[] = [];
  for (const na of after.contracten) {
    const voor = old.get(na.id);
    if (!voor) out.push({ contractId: na.id, soort: 'aangemaakt', na });
    else if (canonicalJson(voor) !== canonicalJson(na))
      out.push({ contractId: na.id, soort: onlyEndDated(voor, na) ? 'beeindigd' : 'gewijzigd', voor, na });
  }
  return out;
}

/** Ids of contracts in `before` that `after` leaves out: refused, a contract is end-dated, never deleted. */
export function removedContracts(before: RegistryDocument, after: RegistryDocument): string[] {
  const kept = new Set(after.contracten.map((c) => c.id));
  return before.contracten.filter((c) => !kept.has(c.id)).map((c) => c.id);
}

/** One field a version changed: its path in the contract (`periode.totEnMet`), the value before and after (absent: none). */
export interface VeldWijziging {
  readonly pad: string;
  readonly voor?: unknown;
  readonly na?: unknown;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
}

/**
 * The fields that differ between two versions of one contract, sorted by path: objects compared
 * field by field, arrays (gemeenten, producten) as a whole. No `voor`: every field is new.
 */
export function veldWijzigingen(voor: Contract | undefined, na: Contract): VeldWijziging[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  if (voor) flatten(voor, '', a);
  flatten(na, '', b);
  const paden = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paden
    .filter((p) => canonicalJson(a.get(p)) !== canonicalJson(b.get(p)))
    .map((pad) => ({ pad, ...(a.has(pad) ? { voor: a.get(pad) } : {}), ...(b.has(pad) ? { na: b.get(pad) } : {}) }));
}
