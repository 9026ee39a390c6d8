/**
 * The contract registry in the store, with versions (decision 0032). Every change is a new version:
 * the whole checked document, who, when (the injected clock), why (reden) and the route, plus per
 * contract what changed (before/after). The registry in force is the newest version, held in memory
 * for the decision core (which reads it synchronously per bericht).
 *
 * Several instances on one PostgreSQL: a change is written as version n+1 only if n is still the
 * newest (else RegistryConflictError, 409); every API read of the registry first asks the store for
 * its newest version number (one index probe) and reloads when it moved, and a poll (default every
 * 2 s) does the same for the decisions. So another instance's change is seen by the next read of
 * /api/v1/contracten at once and by decisions within one poll interval.
 *
 * The registry file is an import: with an empty store it becomes version 1; later, the file is
 * imported again (reden `import <file name>`) only when its document differs from the one last imported —
 * an unchanged file never undoes a change made through the API.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { RegistryConflictError, type ContractenDeps, type ContractVersie, type RegistryChange } from '../contracts/handlers.js';
import { canonicalJson, contractWijzigingen, removedContracts, type WijzigingSoortCode } from '../contracts/history.js';
import type { RegistryChecker } from '../contracts/registry.js';
import type { Contract, Registry, RegistryError } from '../contracts/types.js';
import type { Db } from '../store/db.js';
import { registryVersieAsOf } from '../store/contract-registry/as-of.js';
import { contractHistory } from '../store/contract-registry/history.js';
import { insertRegistryVersie } from '../store/contract-registry/insert.js';
import { lastImportSha } from '../store/contract-registry/last-import.js';
import { latestRegistryVersie } from '../store/contract-registry/latest.js';
import { newestRegistryVersieNummer } from '../store/contract-registry/newest-number.js';
import type { RegistryVersieRow } from '../store/contract-registry/types.js';

/** The stored document no longer passes the checks (a newer Sluis tightened them): said, never guessed around. */
export class StoredRegistryInvalidError extends Error {
  constructor(
    readonly versie: string,
    readonly errors: readonly RegistryError[],
  ) {
    super(`stored contract registry version ${versie} is not valid: ${errors.map((e) => `${e.path}: ${e.reason}`).join('; ')}`);
    this.name = 'StoredRegistryInvalidError';
  }
}

/** The file leaves out contracts the store has: refused (end-date them in the file instead). */
export class ImportRemovesContractsError extends Error {
  constructor(
    readonly file: string,
    readonly ids: readonly string[],
  ) {
    super(
      `${file} leaves out contract(s) ${ids.join(', ')} that the stored registry has; a contract is never removed: end-date it (periode.totEnMet)`,
    );
    this.name = 'ImportRemovesContractsError';
  }
}

export interface ContractRegister extends Required<Pick<ContractenDeps, 'refresh' | 'history'>> {
  readonly checker: RegistryChecker;
  current(): Registry;
  replace(next: Registry, change?: RegistryChange): Promise<void>;
  /** The registry in force at `at` (undefined: no version was recorded yet then), with its version number. */
  asOf(at: Date): Promise<{ readonly versie: number; readonly registry: Registry } | undefined>;
  /** The version in force now. */
  versie(): number;
  /** Starts the poll (ms); stop() ends it. */
  startPolling(intervalMs: number, onError: (err: unknown) => void): void;
  stop(): void;
}

export interface ImportOutcome {
  readonly imported: boolean;
  readonly versie: number;
  readonly contracten: number;
}

const sha256 = (doc: unknown): string => createHash('sha256').update(canonicalJson(doc)).digest('hex');

/**
 * Opens the stored registry, importing `file` first when the store has none or the file changed
 * since it was last imported. Throws StoredRegistryInvalidError or ImportRemovesContractsError.
 */
export async function openContractRegister(o: {
  readonly db: Db;
  readonly checker: RegistryChecker;
  readonly now: () => Date;
  /** The registry file, already checked (invalid files stop the start before the store opens). */
  readonly file?: { readonly name: string; readonly registry: Registry };
}): Promise<{ register: ContractRegister; imported: ImportOutcome }> {
  const { db, checker } = o;
  const checkStored = (row: RegistryVersieRow): Registry => {
    const check = checker.check(row.document, `stored registry version ${row.versie}`);
    if (!check.ok) throw new StoredRegistryInvalidError(row.versie, check.errors);
    return check.registry;
  };
  const row = await latestRegistryVersie(db);
  let reg: Registry | undefined = row ? checkStored(row) : undefined;
  let nummer = row ? BigInt(row.versie) : 0n;
  const write = async (next: Registry, change: RegistryChange): Promise<void> => {
    const versie = nummer + 1n;
    const ok = await insertRegistryVersie(db, {
      versie,
      vastgelegdOp: o.now(),
      door: change.door,
      ...(change.sleutel ? { sleutel: change.sleutel } : {}),
      reden: change.reden,
      bron: change.bron,
      sha256: sha256(next.document),
      document: next.document,
      wijzigingen: contractWijzigingen(reg?.document, next.document),
    });
    if (!ok) {
      await refresh();
      throw new RegistryConflictError(
        `the contract registry changed meanwhile (version ${versie} was written by someone else); read it again and retry`,
      );
    }
    reg = next;
    nummer = versie;
  };
  const refresh = async (): Promise<void> => {
    const newest = await newestRegistryVersieNummer(db);
    if (newest <= nummer) return;
    const latest = await latestRegistryVersie(db);
    if (!latest) return;
    reg = checkStored(latest);
    nummer = BigInt(latest.versie);
  };

  let imported: ImportOutcome = { imported: false, versie: Number(nummer), contracten: reg?.contracten.length ?? 0 };
  if (o.file) {
    const fileSha = sha256(o.file.registry.document);
    if (!reg || (await lastImportSha(db)) !== fileSha) {
      if (reg) {
        const removed = removedContracts(reg.document, o.file.registry.document);
        if (removed.length > 0) throw new ImportRemovesContractsError(o.file.name, removed);
      }
      const change: RegistryChange = { door: 'import', reden: `import ${basename(o.file.name)}`, bron: 'import' };
      try {
        await write(o.file.registry, change);
      } catch (err) {
        // Another instance imported the same file at the same moment: its version is ours too.
        if (!(err instanceof RegistryConflictError) || (await lastImportSha(db)) !== fileSha) throw err;
      }
      imported = { imported: true, versie: Number(nummer), contracten: o.file.registry.contracten.length };
    }
  }
  if (!reg) throw new Error('contract register: no registry in the store and no file to import');

  let timer: NodeJS.Timeout | undefined;
  const register: ContractRegister = {
    checker,
    current: () => reg!,
    versie: () => Number(nummer),
    refresh,
    async replace(next, change) {
      await write(next, change ?? { door: 'onbekend', reden: 'geen reden opgegeven', bron: 'api' });
    },
    async history(id) {
      const rows = await contractHistory(db, id);
      return rows.map((r): ContractVersie => ({
        versie: Number(r.versie),
        vastgelegdOp: r.vastgelegd_op.toISOString(),
        door: r.door,
        ...(r.sleutel ? { sleutel: r.sleutel } : {}),
        reden: r.reden,
        bron: r.bron,
        soort: r.soort as WijzigingSoortCode,
        ...(r.voor ? { voor: r.voor as Contract } : {}),
        na: r.na as Contract,
      }));
    },
    async asOf(at) {
      const r = await registryVersieAsOf(db, at);
      return r ? { versie: Number(r.versie), registry: checkStored(r) } : undefined;
    },
    startPolling(intervalMs, onError) {
      if (timer) return;
      timer = setInterval(() => refresh().catch(onError), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
  return { register, imported };
}
