/**
 * Checking and querying a contract registry. Pure: no file or network access (the file edge is
 * `load.ts`). The JSON Schema is compiled once per checker; create one checker per process and
 * pass it to whoever loads or replaces a registry.
 */
import { Ajv, type ErrorObject } from 'ajv';
import schema from '../../schemas/contract-registry.schema.json' with { type: 'json' };
import { ProductCategorieIjw, ProductCategorieIwmo } from '../standard/generated/codelists.js';
import {
  DEFAULT_GEMEENTE_INSTELLINGEN,
  type Contract,
  type ContractProduct,
  type GemeenteInstellingen,
  type PolicyProfiel,
  type Registry,
  type RegistryDocument,
  type RegistryError,
  type WetNaam,
} from './types.js';

export type RegistryCheck =
  | { readonly ok: true; readonly registry: Registry }
  | { readonly ok: false; readonly errors: readonly RegistryError[] };

export interface RegistryChecker {
  /** Check an already-parsed JSON value that came from `source` (a file name, or `request body`). */
  check(value: unknown, source: string): RegistryCheck;
}

/** Compile the registry schema (once) and return a checker for documents. */
export function createRegistryChecker(): RegistryChecker {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const validate = ajv.compile<RegistryDocument>(schema);
  return {
    check(value, source) {
      if (!validate(value)) {
        // 'if' only says "the then/else branch failed"; that branch's own error is reported too.
        const errs = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
        return { ok: false, errors: errs.map((e) => schemaError(e, source)) };
      }
      const errors = semanticErrors(value, source);
      if (errors.length > 0) return { ok: false, errors };
      return { ok: true, registry: buildRegistry(value) };
    },
  };
}

/** `/contracten/2/periode/van` → `$.contracten[2].periode.van`. */
export function jsonPath(pointer: string): string {
  if (pointer === '') return '$';
  return '$' + pointer.split('/').slice(1).map((raw) => {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^[0-9]+$/.test(seg)) return `[${seg}]`;
    if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) return `.${seg}`;
    return `[${JSON.stringify(seg)}]`;
  }).join('');
}

function schemaError(e: ErrorObject, source: string): RegistryError {
  let path = jsonPath(e.instancePath);
  let reason = e.message ?? 'invalid';
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
    path = jsonPath(`${e.instancePath}/${p.additionalProperty}`);
    reason = 'unknown property';
  } else if (e.keyword === 'required' && typeof p.missingProperty === 'string') {
    path = jsonPath(`${e.instancePath}/${p.missingProperty}`);
    reason = 'missing required property';
  } else if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) {
    reason = `must be one of ${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (e.keyword === 'not' && e.schemaPath.includes('allOf')) {
    reason = 'profiel and regieberichten are only allowed when uitvoeringsvariant is taakgericht';
  } else if (e.keyword === 'not') {
    reason = 'berichtenNaar is only allowed for a PxQ onderaannemer';
  }
  return { source, path, reason };
}

const CATEGORIEEN: Record<WetNaam, ReadonlySet<string>> = {
  Jeugdwet: new Set(Object.keys(ProductCategorieIjw)),
  Wmo: new Set(Object.keys(ProductCategorieIwmo)),
};

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

function periodsOverlap(a: Contract, b: Contract): boolean {
  const aEnd = a.periode.totEnMet ?? '9999-12-31';
  const bEnd = b.periode.totEnMet ?? '9999-12-31';
  return a.periode.van <= bEnd && b.periode.van <= aEnd;
}

function productsOverlap(a: readonly ContractProduct[] | undefined, b: readonly ContractProduct[] | undefined): boolean {
  if (!a || !b) return true;
  for (const pa of a) {
    for (const pb of b) {
      if (pa.categorie !== pb.categorie) continue;
      if (!pa.codes || !pb.codes) return true;
      if (pa.codes.some((c) => pb.codes?.includes(c))) return true;
    }
  }
  return false;
}

function semanticErrors(doc: RegistryDocument, source: string): RegistryError[] {
  const errors: RegistryError[] = [];
  const err = (path: string, reason: string): void => { errors.push({ source, path, reason }); };
  const seen = new Map<string, number>();
  doc.contracten.forEach((c, i) => {
    const at = `$.contracten[${i}]`;
    const prev = seen.get(c.id);
    if (prev !== undefined) err(`${at}.id`, `duplicate contract id '${c.id}' (also at $.contracten[${prev}])`);
    else seen.set(c.id, i);
    if (c.periode.totEnMet !== undefined && c.periode.totEnMet < c.periode.van) {
      err(`${at}.periode.totEnMet`, `totEnMet ${c.periode.totEnMet} is before van ${c.periode.van}`);
    }
    if ('consortium' in c.opdrachtnemer && !c.opdrachtnemer.consortium.leden.includes(c.opdrachtnemer.consortium.penvoerder)) {
      err(`${at}.opdrachtnemer.consortium.penvoerder`, 'the penvoerder must be one of the leden');
    }
    const opdracht = new Set('agb' in c.opdrachtnemer ? [c.opdrachtnemer.agb] : c.opdrachtnemer.consortium.leden);
    const onder = new Set<string>();
    (c.onderaannemers ?? []).forEach((o, j) => {
      if (opdracht.has(o.agb)) err(`${at}.onderaannemers[${j}].agb`, `AGB ${o.agb} is already the opdrachtnemer or a consortium lid of this contract`);
      if (onder.has(o.agb)) err(`${at}.onderaannemers[${j}].agb`, `AGB ${o.agb} is listed twice as onderaannemer`);
      onder.add(o.agb);
    });
    (c.producten ?? []).forEach((p, j) => {
      if (!CATEGORIEEN[c.wet].has(p.categorie)) {
        err(`${at}.producten[${j}].categorie`, `productcategorie ${p.categorie} does not exist for the ${c.wet}`);
      }
    });
  });
  // Overlap: same wet, a shared gemeente, a shared party, overlapping products and periods ⇒ the
  // lookup for one bericht would be ambiguous. Quadratic in contracts; a region has tens, not thousands.
  const list = doc.contracten;
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const pa = partijen(a);
    for (let j = i + 1; j < list.length; j++) {
      const b = list[j]!;
      if (a.wet !== b.wet || !periodsOverlap(a, b) || !productsOverlap(a.producten, b.producten)) continue;
      const gemeente = a.gemeenten.find((g) => b.gemeenten.includes(g));
      if (gemeente === undefined) continue;
      const agb = [...partijen(b).keys()].find((p) => pa.has(p));
      if (agb === undefined) continue;
      err(`$.contracten[${j}]`, `contract '${b.id}' overlaps contract '${a.id}' ($.contracten[${i}]) for wet ${a.wet}, gemeente ${gemeente}, AGB ${agb}: periods and products overlap`);
    }
  }
  return errors;
}

function buildRegistry(doc: RegistryDocument): Registry {
  return { document: doc, contracten: doc.contracten, byId: new Map(doc.contracten.map((c) => [c.id, c])) };
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
