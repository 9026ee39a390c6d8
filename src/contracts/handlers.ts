/**
 * Transport-free handlers for the operator endpoints `/api/v1/contracten` (PRODUCT §1, §3):
 *   GET  /api/v1/contracten            list (a gemeente or aanbieder sees the contracts naming it; operators all)
 *   GET  /api/v1/contracten/{id}       one contract
 *   PUT  /api/v1/contracten/{id}       create or replace one contract (operators); the whole registry is re-checked
 *   PUT  /api/v1/contracten            replace the whole registry document (operators)
 * Each is `(request) => Promise<{status, body}>`; the gateway mounts them and authenticates the party.
 * Errors are Sluis' problem details (src/outcomes.ts) with `errors: [{path, reason}]` for a document that is wrong.
 */
import { ProblemType, problem, type ProblemKind } from '../outcomes.js';
import { contractsNaming } from './lookup.js';
import type { RegistryChecker } from './registry.js';
import type { Contract, Registry, RegistryDocument, RegistryError } from './types.js';

export type Party =
  | { readonly role: 'operator' }
  | { readonly role: 'gemeente'; readonly code: string }
  | { readonly role: 'aanbieder'; readonly code: string };

export interface HandlerRequest {
  readonly method: string;
  /** Path parameters (`id`) and query parameters (`wet`, `gemeente`, `peildatum`). */
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly party: Party;
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
  /** Make `next` the registry in force (and persist it, if the deployment does). Called only with a checked registry. */
  replace(next: Registry): Promise<void> | void;
}

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

export function createContractenHandlers(deps: ContractenDeps): { list: Handler; get: Handler; put: Handler; putAll: Handler } {
  const operatorOnly = (req: HandlerRequest): HandlerResponse | undefined =>
    req.party.role === 'operator' ? undefined : failure(ProblemType.FORBIDDEN, 'only operators may change contracts');

  const commit = async (next: Registry, status: number, body: unknown): Promise<HandlerResponse> => {
    try {
      await deps.replace(next);
    } catch (e) {
      return failure(ProblemType.NOT_PERSISTED, `the registry was valid but could not be stored (${(e as Error).name})`);
    }
    return { status, headers: JSON_TYPE, body };
  };

  return {
    async list(req) {
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
      const id = req.params.id ?? '';
      const c = visible(deps.current(), req.party).find((x) => x.id === id);
      return c ? { status: 200, headers: JSON_TYPE, body: c } : failure(ProblemType.NOT_FOUND, `no contract '${id}'`);
    },

    async put(req) {
      const denied = operatorOnly(req);
      if (denied) return denied;
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
      return commit(check.registry, existing >= 0 ? 200 : 201, check.registry.byId.get(id));
    },

    async putAll(req) {
      const denied = operatorOnly(req);
      if (denied) return denied;
      const check = deps.checker.check(req.body, 'request body');
      if (!check.ok)
        return failure(
          ProblemType.REGISTRY_INVALID,
          'the registry document is not valid',
          check.errors.map(({ path, reason }) => ({ path, reason })),
        );
      return commit(check.registry, 200, { contracten: check.registry.contracten.length });
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
    async replace(next) {
      if (persist) await persist(next.document);
      reg = next;
    },
  };
}
