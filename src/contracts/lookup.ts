/**
 * Queries on a checked registry. Pure and dependency-free (no ajv), so the decision core can use
 * them without pulling in the schema checker.
 */
import {
  DEFAULT_GEMEENTE_INSTELLINGEN,
  type Contract,
  type ContractIndex,
  type ContractRol,
  type GemeenteInstellingen,
  type IndexedContract,
  type PolicyProfiel,
  type ProductTarief,
  type Registry,
  type RegistryDocument,
  type WetNaam,
} from './types.js';

import { BERICHT_NUMMERS, GROEP_VAN, VERZENDER, type BerichtGroepCode } from '../standard/catalog.js';

export type { ContractRol } from './types.js';

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
  return registry.index.instellingen.get(gemeente) ?? registry.index.standaardInstellingen;
}

const byIdOrder = (a: IndexedContract, b: IndexedContract): number => a.contract.id.localeCompare(b.contract.id);

/**
 * The lookups' index over a checked document. The decision core used to filter every contract and
 * sort the matches with localeCompare for each item of each bericht: 5.6–10.5 µs per decide for a
 * 2-contract registry, most of it that sort and the `partijen` maps built per call; a region's
 * registry holds tens of contracts, and the cost grew with each.
 */
export function indexContracts(doc: RegistryDocument): ContractIndex {
  const byWetGemeente = new Map<string, IndexedContract[]>();
  for (const contract of doc.contracten) {
    const entry: IndexedContract = { contract, partijen: partijen(contract) };
    for (const g of new Set(contract.gemeenten)) {
      const key = `${contract.wet}|${g}`;
      const list = byWetGemeente.get(key);
      if (list) list.push(entry);
      else byWetGemeente.set(key, [entry]);
    }
  }
  for (const list of byWetGemeente.values()) list.sort(byIdOrder);
  const standaardInstellingen: GemeenteInstellingen = Object.freeze({ ...DEFAULT_GEMEENTE_INSTELLINGEN, ...doc.standaard });
  const instellingen = new Map<string, GemeenteInstellingen>();
  for (const [g, own] of Object.entries(doc.gemeenten ?? {})) instellingen.set(g, Object.freeze({ ...standaardInstellingen, ...own }));
  return { byWetGemeente, instellingen, standaardInstellingen };
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

/**
 * Contracts in force on `datum` for the wet, gemeente and (when known) product, whoever the parties
 * are; in id order, with each contract's parties.
 */
export function indexedCovering(registry: Registry, q: ContractQuery): IndexedContract[] {
  const list = registry.index.byWetGemeente.get(`${q.wet}|${q.gemeente}`);
  if (!list) return [];
  const out: IndexedContract[] = [];
  for (const e of list) if (inPeriod(e.contract, q.datum) && coversProduct(e.contract, q.categorie, q.code)) out.push(e);
  return out;
}

/** Contracts in force on `datum` for the wet, gemeente and (when known) product, whoever the parties are; in id order. */
export function contractsCovering(registry: Registry, q: ContractQuery): Contract[] {
  return indexedCovering(registry, q).map((e) => e.contract);
}

/** As `contractsCovering`, restricted to contracts in which `agb` is a party (opdrachtnemer, lid or onderaannemer). */
export function contractsFor(registry: Registry, q: ContractQuery & { readonly agb: string }): Contract[] {
  return indexedCovering(registry, q).flatMap((e) => (e.partijen.has(q.agb) ? [e.contract] : []));
}

/** Contracts that name `party` (a CBS code or an AGB code) — what a party may read. */
export function contractsNaming(registry: Registry, party: string): Contract[] {
  return registry.contracten.filter((c) => c.gemeenten.includes(party) || partijen(c).has(party));
}

/**
 * Gemeente-sent berichten a hoofdaannemer may send for its PxQ onderaannemer (301, 306, 308, 325): those
 * of the groups the policy rows PXQ-TOEW/REGIE/DECL address to the party the contract names.
 */
const PXQ_VIA_HOOFDAANNEMER: readonly BerichtGroepCode[] = ['toewijzing', 'regie', 'declaratie'];
const NAMENS_GEMEENTE: ReadonlySet<string> = new Set(
  BERICHT_NUMMERS.filter((n) => VERZENDER[n] === 'gemeente' && PXQ_VIA_HOOFDAANNEMER.includes(GROEP_VAN[n])),
);

/**
 * Which parties may submit a bericht between `gemeente` and `aanbieder` in direction `verzender`
 * (for the gateway's sender check, PRODUCT §1). Normally only the party itself; a hoofdaannemer
 * may also act for the gemeente towards a PxQ onderaannemer whose contract sends its berichten to the
 * hoofdaannemer (it answers that onderaannemer's berichten: 302/306/308/316/318/319/325 …).
 */
export function toegestaneVerzenders(
  registry: Registry,
  q: {
    readonly wet: WetNaam;
    readonly gemeente: string;
    readonly aanbieder: string;
    readonly verzender: 'gemeente' | 'aanbieder';
    readonly nummer?: string;
  },
): string[] {
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

/** The parties' question about one product line: which contracts in force cover its categorie. */
export interface ProductVraag {
  readonly wet: WetNaam;
  readonly gemeente: string;
  readonly agb: string;
  readonly datum: string;
  readonly categorie: string;
}

/**
 * The product codes the contracts in force between gemeente and aanbieder list for the categorie (the
 * gehanteerde productcodelijst, IV075); undefined when none covers the categorie or one covers it
 * without listing codes (every code of the categorie).
 */
export function productcodesFor(registry: Registry, q: ProductVraag): readonly string[] | undefined {
  const codes = new Set<string>();
  for (const c of contractsFor(registry, q)) {
    const p = c.producten?.find((x) => x.categorie === q.categorie);
    if (!c.producten) return undefined;
    if (!p) continue;
    if (!p.codes) return undefined;
    for (const code of p.codes) codes.add(code);
  }
  return codes.size > 0 ? [...codes] : undefined;
}

/** The tarieven the contracts in force between gemeente and aanbieder agree for the code. */
export function tarievenFor(registry: Registry, q: ProductVraag & { readonly code: string }): readonly ProductTarief[] {
  return contractsFor(registry, { ...q, code: q.code }).flatMap((c) =>
    (c.producten ?? []).filter((p) => p.categorie === q.categorie).flatMap((p) => (p.tarieven ?? []).filter((t) => t.code === q.code)),
  );
}
