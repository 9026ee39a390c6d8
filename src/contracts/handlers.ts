/**
 * Transport-free handlers for the operator endpoints `/api/v1/contracten` (PRODUCT §1, §3):
 *   GET  /api/v1/contracten            list (a gemeente or aanbieder sees the contracts naming it; operators all)
 *   GET  /api/v1/contracten/{id}       one contract
 *   PUT  /api/v1/contracten/{id}       create or replace one contract (operators); the whole registry is re-checked
 *   PUT  /api/v1/contracten            replace the whole registry document (operators)
 *   GET  /api/v1/contracten/{id}/historie    the contract's versions: who, when, why, before and after (operators)
 *   POST /api/v1/contracten/{id}/beeindiging end-date a contract (operators; contracts are never deleted)
 * A change takes a `reden` (why) when the registry keeps a history (the durable registry, decision 0032);
 * a whole-registry PUT may not leave a contract out (end-date it instead).
 * Each is `(request) => Promise<{status, body}>`; the gateway mounts them and authenticates the party.
 * Errors are Sluis' problem details (src/outcomes.ts) with `errors: [{path, reason}]` for a document that is wrong.
 */
import { ProblemType, problem, type ProblemKind } from '../outcomes.js';
import { contractWijzigingen, removedContracts, type WijzigingSoortCode } from './history.js';
import { contractsNaming } from './lookup.js';
import type { RegistryChecker } from './registry.js';
import type { Contract, Registry, RegistryDocument, RegistryError } from './types.js';

export type Party =
  /** `name` and `keyId` (optional): who changed the registry, in its history. */
  | { readonly role: 'operator'; readonly name?: string; readonly keyId?: string }
  | { readonly role: 'gemeente'; readonly code: string }
  | { readonly role: 'aanbieder'; readonly code: string };

export interface HandlerRequest {
  readonly method: string;
  /** Path parameters (`id`) and query parameters (`wet`, `gemeente`, `peildatum`). */
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly party: Party;
  /** The route the change came through, recorded in the history (default 'api'; the console says 'console'). */
  readonly via?: string;
}

export interface HandlerResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface ContractenDeps {
  readonly checker: RegistryChecker;
  /** The registry in force. */
  current(): Registry;
  /**
   * Make `next` the registry in force (and persist it, if the deployment does). Called only with a checked
   * registry. A durable registry records `change` (who, why, route) and throws RegistryConflictError when
   * another writer changed the registry since `current()` was read.
   */
  replace(next: Registry, change?: RegistryChange): Promise<void> | void;
  /** Durable registry: catch up with changes other instances made (called before every read). */
  refresh?(): Promise<void>;
  /** Durable registry: one contract's versions, newest first (absent: no history is kept). */
  history?(id: string): Promise<readonly ContractVersie[]>;
}

/** Who changed the registry, why, and through which route. */
export interface RegistryChange {
  /** `operator:<name>`, or `import` for the registry file. */
  readonly door: string;
  readonly sleutel?: string;
  readonly reden: string;
  readonly bron: string;
}

/** One version of one contract, as its history shows it. */
export interface ContractVersie {
  readonly versie: number;
  readonly vastgelegdOp: string;
  readonly door: string;
  readonly sleutel?: string;
  readonly reden: string;
  readonly bron: string;
  readonly soort: WijzigingSoortCode;
  readonly voor?: Contract;
  readonly na: Contract;
}

/** The registry changed since it was read (another instance or operator); nothing was stored. */
export class RegistryConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryConflictError';
  }
}

/** A reden is free text for people; 1000 characters is a paragraph. */
export const MAX_REDEN = 1000;

export type Handler = (req: HandlerRequest) => Promise<HandlerResponse>;

const JSON_TYPE = { 'content-type': 'application/json' } as const;
const PROBLEM_TYPE = { 'content-type': 'application/problem+json' } as const;

/** A failure in Sluis' one problem vocabulary (src/outcomes.ts); HTTP only writes it. */
function failure(kind: ProblemKind, detail: string, errors?: readonly { path: string; reason: string }[]): HandlerResponse {
  return { status: kind.status, headers: PROBLEM_TYPE, body: problem(kind, detail, errors ? { errors } : {}) };
}

function visible(reg: Registry, party: Party): readonly Contract[] {
  return party.role === 'operator' ? reg.contracten : contractsNaming(reg, party.code);
}

function inForce(c: Contract, datum: string): boolean {
  return c.periode.van <= datum && (c.periode.totEnMet === undefined || datum <= c.periode.totEnMet);
}

/** Rewrite `$.contracten[i]…` of the submitted contract to `$…` of the request body. */
function relativeTo(errors: readonly RegistryError[], index: number): { path: string; reason: string }[] {
  const prefix = `$.contracten[${index}]`;
  return errors.map((e) => ({ path: e.path.startsWith(prefix) ? '$' + e.path.slice(prefix.length) : e.path, reason: e.reason }));
}

export interface ContractenHandlers {
  list: Handler;
  get: Handler;
  put: Handler;
  putAll: Handler;
  /** `params.id`: the contract's history (operators). */
  history: Handler;
  /** `params.id`, `params.totEnMet`, `params.reden`: end-date a contract (operators). */
  endDate: Handler;
}

export function createContractenHandlers(deps: ContractenDeps): ContractenHandlers {
  const operatorOnly = (req: HandlerRequest): HandlerResponse | undefined =>
    req.party.role === 'operator' ? undefined : failure(ProblemType.FORBIDDEN, 'only operators may change contracts');

  /** The change's who/why/route; a problem when the durable registry needs a reden and none was given. */
  const changeOf = (req: HandlerRequest): RegistryChange | HandlerResponse => {
    const reden = (req.params.reden ?? '').trim();
    if (deps.history && reden === '')
      return failure(ProblemType.BAD_REQUEST, 'reden: say why the registry changes (it is kept in the contract history)');
    if (reden.length > MAX_REDEN) return failure(ProblemType.BAD_REQUEST, `reden: at most ${MAX_REDEN} characters`);
    const p = req.party;
    const name = p.role === 'operator' ? (p.name ?? 'operator') : p.code;
    return { door: `operator:${name}`, ...(p.role === 'operator' && p.keyId ? { sleutel: p.keyId } : {}), reden, bron: req.via ?? 'api' };
  };

  const commit = async (next: Registry, change: RegistryChange, status: number, body: unknown): Promise<HandlerResponse> => {
    try {
      await deps.replace(next, change);
    } catch (e) {
      if (e instanceof RegistryConflictError) return failure(ProblemType.CONFLICT, e.message);
      return failure(ProblemType.NOT_PERSISTED, `the registry was valid but could not be stored (${(e as Error).name})`);
    }
    return { status, headers: JSON_TYPE, body };
  };

  /** Nothing changes: no new version (a repeated PUT is not a change to explain). */
  const unchanged = (next: Registry): boolean =>
    contractWijzigingen(deps.current().document, next.document).length === 0 &&
    JSON.stringify({ ...deps.current().document, contracten: [] }) === JSON.stringify({ ...next.document, contracten: [] });

  return {
    async history(req) {
      const denied = operatorOnly(req);
      if (denied) return failure(ProblemType.FORBIDDEN, 'only operators may read a contract history');
      await deps.refresh?.();
      const id = req.params.id ?? '';
      if (!deps.history) return failure(ProblemType.NOT_FOUND, 'this registry keeps no history (it is not stored)');
      const versies = await deps.history(id);
      if (versies.length === 0 && !deps.current().byId.has(id)) return failure(ProblemType.NOT_FOUND, `no contract '${id}'`);
      return { status: 200, headers: JSON_TYPE, body: { id, versies } };
    },

    async endDate(req) {
      const denied = operatorOnly(req);
      if (denied) return denied;
      await deps.refresh?.();
      const id = req.params.id ?? '';
      const totEnMet = req.params.totEnMet ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(totEnMet)) return failure(ProblemType.BAD_REQUEST, 'totEnMet must be YYYY-MM-DD');
      const change = changeOf(req);
      if ('status' in change) return change;
      const cur = deps.current();
      const index = cur.contracten.findIndex((c) => c.id === id);
      if (index < 0) return failure(ProblemType.NOT_FOUND, `no contract '${id}'`);
      const contracten = cur.contracten.map((c, i) => (i === index ? { ...c, periode: { ...c.periode, totEnMet } } : c));
      const check = deps.checker.check({ ...cur.document, contracten }, 'request');
      if (!check.ok) return failure(ProblemType.REGISTRY_INVALID, 'the contract cannot end on that date', relativeTo(check.errors, index));
      if (unchanged(check.registry)) return { status: 200, headers: JSON_TYPE, body: check.registry.byId.get(id) };
      return commit(check.registry, change, 200, check.registry.byId.get(id));
    },

    async list(req) {
      await deps.refresh?.();
      const { wet, gemeente, peildatum } = req.params;
      if (peildatum !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(peildatum))
        return failure(ProblemType.BAD_REQUEST, 'peildatum must be YYYY-MM-DD');
      const list = visible(deps.current(), req.party).filter(
        (c) =>
          (wet === undefined || c.wet === wet) &&
          (gemeente === undefined || c.gemeenten.includes(gemeente)) &&
          (peildatum === undefined || inForce(c, peildatum)),
      );
      return { status: 200, headers: JSON_TYPE, body: { contracten: list } };
    },

    async get(req) {
      await deps.refresh?.();
      const id = req.params.id ?? '';
      const c = visible(deps.current(), req.party).find((x) => x.id === id);
      return c ? { status: 200, headers: JSON_TYPE, body: c } : failure(ProblemType.NOT_FOUND, `no contract '${id}'`);
    },

    async put(req) {
      const denied = operatorOnly(req);
      if (denied) return denied;
      const change = changeOf(req);
      if ('status' in change) return change;
      await deps.refresh?.();
      const id = req.params.id ?? '';
      const body = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body))
        return failure(ProblemType.BAD_REQUEST, 'the body must be a contract object (application/json)');
      const submitted = { ...(body as Record<string, unknown>) };
      if (submitted.id === undefined) submitted.id = id;
      if (submitted.id !== id)
        return failure(ProblemType.REGISTRY_INVALID, `the body's id '${String(submitted.id)}' differs from the path id '${id}'`, [
          { path: '$.id', reason: 'must equal the id in the path' },
        ]);
      const cur = deps.current();
      const existing = cur.contracten.findIndex((c) => c.id === id);
      const contracten: unknown[] = [...cur.contracten];
      const index = existing >= 0 ? existing : contracten.length;
      contracten[index] = submitted;
      const doc: RegistryDocument = { ...cur.document, contracten: contracten as Contract[] };
      const check = deps.checker.check(doc, 'request body');
      if (!check.ok)
        return failure(
          ProblemType.REGISTRY_INVALID,
          'the contract is not valid, or it overlaps another contract',
          relativeTo(check.errors, index),
        );
      if (existing >= 0 && unchanged(check.registry)) return { status: 200, headers: JSON_TYPE, body: check.registry.byId.get(id) };
      return commit(check.registry, change, existing >= 0 ? 200 : 201, check.registry.byId.get(id));
    },

    async putAll(req) {
      const denied = operatorOnly(req);
      if (denied) return denied;
      const change = changeOf(req);
      if ('status' in change) return change;
      await deps.refresh?.();
      const check = deps.checker.check(req.body, 'request body');
      if (!check.ok)
        return failure(
          ProblemType.REGISTRY_INVALID,
          'the registry document is not valid',
          check.errors.map(({ path, reason }) => ({ path, reason })),
        );
      const removed = removedContracts(deps.current().document, check.registry.document);
      if (removed.length > 0)
        return failure(
          ProblemType.REGISTRY_INVALID,
          'a contract is never removed from the registry: end-date it (periode.totEnMet) instead',
          removed.map((id) => ({ path: '$.contracten', reason: `contract '${id}' is missing; end-date it instead of leaving it out` })),
        );
      if (unchanged(check.registry)) return { status: 200, headers: JSON_TYPE, body: { contracten: check.registry.contracten.length } };
      return commit(check.registry, change, 200, { contracten: check.registry.contracten.length });
    },
  };
}

/** A holder for the registry in force; `persist` (e.g. write the JSON file) runs before the swap. */
export function registryHolder(
  initial: Registry,
  persist?: (doc: RegistryDocument) => Promise<void>,
): Pick<ContractenDeps, 'current' | 'replace'> {
  let reg = initial;
  return {
    current: () => reg,
    async replace(next: Registry) {
      if (persist) await persist(next.document);
      reg = next;
    },
  };
}
