/**
 * Queries on a checked registry. Pure and dependency-free (no ajv), so the decision core can use
 * them without pulling in the schema checker.
 */
import { DEFAULT_GEMEENTE_INSTELLINGEN, type Contract, type GemeenteInstellingen, type PolicyProfiel, type Registry, type WetNaam } from './types.js';

/** The AGB codes a contract knows, with their role. */
export type ContractRol = 'hoofdaannemer' | 'consortium-lid' | 'onderaannemer';

export function partijen(c: Contract): ReadonlyMap<string, ContractRol> {
  const m = new Map<string, ContractRol>();
  if ('agb' in c.opdrachtnemer) m.set(c.opdrachtnemer.agb, 'hoofdaannemer');
  else {
    for (const lid of c.opdrachtnemer.consortium.leden) m.set(lid, 'consortium-lid');
    m.set(c.opdrachtnemer.consortium.penvoerder, 'hoofdaannemer');
  }
  for (const o of c.onderaannemers ?? []) if (!m.has(o.agb)) m.set(o.agb, 'onderaannemer');
  return m;
}

/** The AGB that receives berichten meant for "the hoofdaannemer": the opdrachtnemer or the consortium's penvoerder. */
export function hoofdaannemer(c: Contract): string {
  return 'agb' in c.opdrachtnemer ? c.opdrachtnemer.agb : c.opdrachtnemer.consortium.penvoerder;
}

export function policyProfiel(c: Contract): PolicyProfiel {
  return c.uitvoeringsvariant === 'taakgericht' ? (c.profiel ?? 'taakgericht-minimaal') : c.uitvoeringsvariant;
}

export function gemeenteInstellingen(registry: Registry, gemeente: string): GemeenteInstellingen {
  return {
    ...DEFAULT_GEMEENTE_INSTELLINGEN,
    ...registry.document.standaard,
    ...registry.document.gemeenten?.[gemeente],
  };
}

export interface ContractQuery {
  readonly wet: WetNaam;
  readonly gemeente: string;
  readonly datum: string;
  readonly categorie?: string;
  readonly code?: string;
}

function coversProduct(c: Contract, categorie: string | undefined, code: string | undefined): boolean {
  if (!c.producten || categorie === undefined) return true;
  return c.producten.some((p) => p.categorie === categorie && (!p.codes || code === undefined || p.codes.includes(code)));
}

function inPeriod(c: Contract, datum: string): boolean {
  return c.periode.van <= datum && (c.periode.totEnMet === undefined || datum <= c.periode.totEnMet);
}

/** Contracts in force on `datum` for the wet, gemeente and (when known) product, whoever the parties are. */
export function contractsCovering(registry: Registry, q: ContractQuery): Contract[] {
  return registry.contracten.filter((c) =>
    c.wet === q.wet && c.gemeenten.includes(q.gemeente) && inPeriod(c, q.datum) && coversProduct(c, q.categorie, q.code));
}

/** As `contractsCovering`, restricted to contracts in which `agb` is a party (opdrachtnemer, lid or onderaannemer). */
export function contractsFor(registry: Registry, q: ContractQuery & { readonly agb: string }): Contract[] {
  return contractsCovering(registry, q).filter((c) => partijen(c).has(q.agb));
}

/** Contracts that name `party` (a CBS code or an AGB code) — what a party may read. */
export function contractsNaming(registry: Registry, party: string): Contract[] {
  return registry.contracten.filter((c) => c.gemeenten.includes(party) || partijen(c).has(party));
}

/** Gemeente-sent berichten a hoofdaannemer may send for its PxQ onderaannemer: 301, 306, 308, 325. */
const NAMENS_GEMEENTE: ReadonlySet<string> = new Set(['301', '306', '308', '325']);

/**
 * Which parties may submit a bericht between `gemeente` and `aanbieder` in direction `verzender`
 * (for the gateway's sender check, PRODUCT §1). Normally only the party itself; a hoofdaannemer
 * may also act for the gemeente towards a PxQ onderaannemer whose contract sends its berichten to the
 * hoofdaannemer (it answers that onderaannemer's berichten: 302/306/308/316/318/319/325 …).
 */
export function toegestaneVerzenders(registry: Registry, q: { readonly wet: WetNaam; readonly gemeente: string; readonly aanbieder: string; readonly verzender: 'gemeente' | 'aanbieder'; readonly nummer?: string }): string[] {
  if (q.verzender === 'aanbieder') return [q.aanbieder];
  // Only the berichten that answer what the onderaannemer sends to the hoofdaannemer (toewijzing,
  // start/stop, declaratie); verzoeken and antwoorden stay with the gemeente (policy rows PXQ-VOT/VOW/ANTW).
  if (q.nummer !== undefined && !NAMENS_GEMEENTE.has(q.nummer)) return [q.gemeente];
  const out = new Set([q.gemeente]);
  for (const c of registry.contracten) {
    if (c.wet !== q.wet || !c.gemeenten.includes(q.gemeente)) continue;
    const o = c.onderaannemers?.find((x) => x.agb === q.aanbieder);
    if (o?.bekostiging === 'PxQ' && o.berichtenNaar === 'hoofdaannemer') out.add(hoofdaannemer(c));
  }
  return [...out].sort();
}
