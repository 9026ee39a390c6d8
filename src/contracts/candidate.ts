/**
 * The registry a change to one contract would make, checked as a PUT checks it (schema, semantics,
 * overlaps; src/contracts/handlers.ts `put`) but not put in force: the console shows what the change
 * would do (a dry-run replay under it) before the operator saves it through the handler.
 */
import type { RegistryChecker } from './registry.js';
import type { Contract, Registry, RegistryDocument } from './types.js';

export type Candidate =
  | { readonly ok: true; readonly registry: Registry; readonly created: boolean }
  | { readonly ok: false; readonly errors: readonly { readonly path: string; readonly reason: string }[] };

/** `current` with contract `id` replaced (or added) by `submitted`; errors with paths relative to the contract (`$…`). */
export function candidateRegistry(current: Registry, id: string, submitted: unknown, checker: RegistryChecker): Candidate {
  if (submitted === null || typeof submitted !== 'object' || Array.isArray(submitted))
    return { ok: false, errors: [{ path: '$', reason: 'must be a contract object' }] };
  const body = { ...(submitted as Record<string, unknown>) };
  if (body.id === undefined) body.id = id;
  if (body.id !== id) return { ok: false, errors: [{ path: '$.id', reason: 'must equal the id of the contract being edited' }] };
  const existing = current.contracten.findIndex((c) => c.id === id);
  const contracten: unknown[] = [...current.contracten];
  const index = existing >= 0 ? existing : contracten.length;
  contracten[index] = body;
  const doc: RegistryDocument = { ...current.document, contracten: contracten as Contract[] };
  const check = checker.check(doc, 'console');
  if (!check.ok) {
    const prefix = `$.contracten[${index}]`;
    return {
      ok: false,
      errors: check.errors.map((e) => ({ path: e.path.startsWith(prefix) ? '$' + e.path.slice(prefix.length) : e.path, reason: e.reason })),
    };
  }
  return { ok: true, registry: check.registry, created: existing < 0 };
}
