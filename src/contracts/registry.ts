/**
 * Checking and querying a contract registry. Pure: no file or network access (the file edge is
 * `load.ts`). The JSON Schema is compiled once per checker; create one checker per process and
 * pass it to whoever loads or replaces a registry.
 */
import { Ajv, type ErrorObject } from 'ajv';
import schema from '../../schemas/contract-registry.schema.json' with { type: 'json' };
import { Eenheid, ProductCategorieIjw, ProductCategorieIwmo } from '../standard/generated/codelists.js';
import { indexContracts, partijen } from './lookup.js';
import type { Contract, ContractProduct, Registry, RegistryDocument, RegistryError, WetNaam } from './types.js';

export {
  contractsCovering,
  contractsFor,
  contractsNaming,
  gemeenteInstellingen,
  hoofdaannemer,
  partijen,
  policyProfiel,
  toegestaneVerzenders,
  type ContractQuery,
  type ContractRol,
} from './lookup.js';

export type RegistryCheck =
  { readonly ok: true; readonly registry: Registry } | { readonly ok: false; readonly errors: readonly RegistryError[] };

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
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((raw) => {
        const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        if (/^[0-9]+$/.test(seg)) return `[${seg}]`;
        if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) return `.${seg}`;
        return `[${JSON.stringify(seg)}]`;
      })
      .join('')
  );
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
  const err = (path: string, reason: string): void => {
    errors.push({ source, path, reason });
  };
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
      if (opdracht.has(o.agb))
        err(`${at}.onderaannemers[${j}].agb`, `AGB ${o.agb} is already the opdrachtnemer or a consortium lid of this contract`);
      if (onder.has(o.agb)) err(`${at}.onderaannemers[${j}].agb`, `AGB ${o.agb} is listed twice as onderaannemer`);
      onder.add(o.agb);
    });
    (c.producten ?? []).forEach((p, j) => {
      if (!CATEGORIEEN[c.wet].has(p.categorie)) {
        err(`${at}.producten[${j}].categorie`, `productcategorie ${p.categorie} does not exist for the ${c.wet}`);
      }
      const seenTarief = new Set<string>();
      (p.tarieven ?? []).forEach((t, k) => {
        const tat = `${at}.producten[${j}].tarieven[${k}]`;
        if (p.codes && !p.codes.includes(t.code)) err(`${tat}.code`, `product code ${t.code} is not among this product's codes`);
        if (!(t.eenheid in Eenheid)) err(`${tat}.eenheid`, `eenheid ${t.eenheid} is not in the Eenheid codelist (WJ756)`);
        // Euro's (83): the volume is the amount itself; a tarief would make TR346 meaningless.
        else if (t.eenheid === '83') err(`${tat}.eenheid`, "eenheid 83 (euro's) has no tarief: the GeleverdVolume is the amount");
        const key = `${t.code}|${t.eenheid}`;
        if (seenTarief.has(key)) err(`${tat}`, `a second tarief for code ${t.code} per eenheid ${t.eenheid} in this product`);
        seenTarief.add(key);
      });
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
      err(
        `$.contracten[${j}]`,
        `contract '${b.id}' overlaps contract '${a.id}' ($.contracten[${i}]) for wet ${a.wet}, gemeente ${gemeente}, AGB ${agb}: periods and products overlap`,
      );
    }
  }
  return errors;
}

function buildRegistry(doc: RegistryDocument): Registry {
  return { document: doc, contracten: doc.contracten, byId: new Map(doc.contracten.map((c) => [c.id, c])), index: indexContracts(doc) };
}
