/**
 * "Today's rules": the contract registry in force and the woonplaats sources, loaded once from the
 * settings, and the one decide chain built over them (summarize → woonplaats → decision core, in
 * src/pipeline/decide-registry.ts). The gateway, an operator replay, `sluis replay` and `sluis
 * explain` all take their decisions from here, so they cannot drift apart.
 */
import type { Logger } from 'pino';
import { registryHolder, type ContractenDeps, type RegistryChange } from '../contracts/handlers.js';
import {
  ImportRemovesContractsError,
  openContractRegister,
  StoredRegistryInvalidError,
  type ContractRegister,
  type ImportOutcome,
} from '../pipeline/contract-register.js';
import { formatRegistryErrors, loadRegistryFile } from '../contracts/load.js';
import { createRegistryChecker, type RegistryChecker } from '../contracts/registry.js';
import type { Registry, WetNaam } from '../contracts/types.js';
import { productcodesFor, tarievenFor } from '../contracts/lookup.js';
import type { ContractBron, ExterneBronnen } from '../conversation/bronnen.js';
import type { Standard } from '../standard/model.js';
import type { GemeenteRegister } from '../woonplaats/gemeenten.js';
import { registryDecide } from '../pipeline/decide-registry.js';
import { journalState } from '../pipeline/journal-state.js';
import { routeToCounterparty } from '../pipeline/decide-default.js';
import type { DecideFn, ValidateFn } from '../pipeline/types.js';
import { conversationAsOf, journalReplayDecider, pipelineDecider, type ReplayDecider } from '../replay/decider.js';
import type { Db } from '../store/db.js';
import type { WoonplaatsDeps } from '../woonplaats/check.js';
import { cbsListPath, loadGemeenteRegister, loadPostcodeTabel } from '../woonplaats/load.js';
import { createHttpWoonplaatsLookup, LookupConfigError } from '../woonplaats/lookup.js';
import type { Clock } from './clock.js';
import { SettingsError, type Settings } from './settings.js';

export interface Rules {
  /** The registry in force; a PUT on /api/v1/contracten replaces it (in memory: the file is an import). */
  readonly contracten: ContractenDeps & { readonly persisted: boolean };
  /** Absent when the CBS list is not readable (the check is then off, said in the log). */
  readonly woonplaats?: WoonplaatsDeps;
  /** The live decide function: the registry in force, the journal as state. */
  decide(db: Db): DecideFn;
  /** A replay decider for a run starting now: the registry in force now and today's date in Amsterdam. */
  replayDecider(db: Db, clock: Clock): () => ReplayDecider;
  /** The registry in force now. */
  current(): Registry;
  /**
   * Moves the registry into the store (decision 0032): imports the file when the store has none or
   * the file changed since its last import, then reads and writes versions there, polling every
   * `pollMs` for other instances' changes. Throws SettingsError when the file would remove a contract
   * or the stored registry no longer passes the checks.
   */
  useStore(db: Db, clock: Clock, o?: { readonly pollMs?: number; readonly logger?: Logger }): Promise<ImportOutcome>;
  /** A replay decider under the stored registry as it was at `at` (undefined: none recorded by then, or no store). */
  replayDeciderAsOf(db: Db, clock: Clock): (at: Date) => Promise<{ readonly decider: ReplayDecider; readonly versie: number } | undefined>;
  /** Stops the store poll. */
  stop(): void;
}

type RuleSettings = Pick<Settings, 'sharedDir' | 'postcodesFile' | 'lookup'>;

/** The contract registry file, checked: the registry, or every problem as `file: JSON path: reason` lines. */
export async function readRegistry(
  file: string,
): Promise<{ ok: true; registry: Registry; checker: RegistryChecker } | { ok: false; errors: string }> {
  const checker = createRegistryChecker();
  const check = await loadRegistryFile(file, checker);
  return check.ok ? { ok: true, registry: check.registry, checker } : { ok: false, errors: formatRegistryErrors(check) };
}

/** As readRegistry; a registry that is not valid throws SettingsError naming the file and every problem. */
export async function loadRegistry(file: string): Promise<{ registry: Registry; checker: RegistryChecker }> {
  const r = await readRegistry(file);
  if (!r.ok) throw new SettingsError(file, `invalid contract registry:\n${r.errors}`, 'registry-invalid');
  return r;
}

/**
 * The decider a replay runs today's rules with: the decision core over `registry` with the journal
 * state as of each bericht's arrival, or — without a registry — the gateway's default (route to the
 * header's other party) through the full pipeline decision.
 */
export async function replayDeciderFor(db: Db, o: { registry?: Registry; today: string }): Promise<ReplayDecider> {
  if (o.registry) return journalReplayDecider({ registry: o.registry, today: o.today, db });
  const { validateBericht } = await import('../validation/validate.js');
  return pipelineDecider({
    decide: routeToCounterparty,
    validate: validateBericht as ValidateFn,
    today: o.today,
    db,
    conversationAsOf: conversationAsOf(db),
  });
}

/**
 * The woonplaats sources that are available: the CBS list (required for the check), a postcode table
 * and a lookup adapter when configured. A configured source that cannot be loaded is an error; a
 * missing CBS list without any configured source only turns the check off (`notes` says why).
 */
export async function loadWoonplaats(s: RuleSettings): Promise<{ deps?: WoonplaatsDeps; cbs: string; off?: string }> {
  const cbs = cbsListPath(s.sharedDir);
  try {
    const register = await loadGemeenteRegister(cbs);
    return {
      cbs,
      deps: {
        register,
        ...(s.postcodesFile ? { postcodes: await loadPostcodeTabel(s.postcodesFile) } : {}),
        ...(s.lookup
          ? { lookup: createHttpWoonplaatsLookup({ baseUrl: s.lookup.url, ...(s.lookup.token ? { token: s.lookup.token } : {}) }) }
          : {}),
      },
    };
  } catch (err) {
    if (err instanceof LookupConfigError) throw new SettingsError('SLUIS_LOOKUP_URL', err.message, 'woonplaats-config-invalid');
    if (s.postcodesFile || s.lookup)
      throw new SettingsError(
        cbs,
        `woonplaats sources configured but not loadable: ${(err as Error).message}`,
        'woonplaats-config-invalid',
      );
    return { cbs, off: `CBS gemeente list not readable (${(err as NodeJS.ErrnoException).code ?? (err as Error).name}); set SLUIS_SHARED` };
  }
}

/** Today's rules from a registry file and the woonplaats sources. Throws SettingsError on anything unusable. */
export async function loadRules(file: string, s: RuleSettings, logger?: Logger): Promise<Rules> {
  const { registry, checker } = await loadRegistry(file);
  logger?.info({ event: 'registry', source: file, contracten: registry.contracten.length }, `contract registry ${file}`);
  const holder = registryHolder(registry);
  let register: ContractRegister | undefined;
  const current = (): Registry => register?.current() ?? holder.current();
  const w = await loadWoonplaats(s);
  if (w.deps)
    logger?.info(
      { event: 'woonplaats', cbs: w.cbs, postcodes: s.postcodesFile ?? null, lookup: Boolean(s.lookup) },
      'woonplaats check enabled',
    );
  else logger?.warn({ event: 'woonplaats', cbs: w.cbs }, `woonplaats check disabled: ${w.off}`);
  const woonplaats = w.deps;
  return {
    contracten: {
      checker,
      current,
      replace: (next: Registry, change?: RegistryChange) => (register ? register.replace(next, change) : holder.replace(next)),
      refresh: () => register?.refresh() ?? Promise.resolve(),
      history: (id: string) => register?.history(id) ?? Promise.resolve([]),
      get persisted() {
        return register !== undefined;
      },
    },
    ...(woonplaats ? { woonplaats } : {}),
    current,
    decide: (db) => registryDecide({ registry: current, state: journalState(db), ...(woonplaats ? { woonplaats } : {}) }),
    // Read when a replay starts: the registry in force then (a PUT may have replaced the file's) and
    // the date in the Netherlands then — the clock's, never a UTC date.
    replayDecider: (db, clock) => () => journalReplayDecider({ registry: current(), today: clock.today(), db }),
    replayDeciderAsOf: (db, clock) => async (at) => {
      const past = await register?.asOf(at);
      return past && { versie: past.versie, decider: journalReplayDecider({ registry: past.registry, today: clock.today(), db }) };
    },
    async useStore(db, clock, o = {}) {
      try {
        const opened = await openContractRegister({ db, checker, now: clock.now, file: { name: file, registry } });
        register = opened.register;
        register.startPolling(o.pollMs ?? 2000, (err) =>
          o.logger?.error({ event: 'registry-poll-error', err }, 'reading the stored contract registry failed; retried on the next poll'),
        );
        o.logger?.info(
          { event: 'registry-store', versie: opened.imported.versie, imported: opened.imported.imported, source: file },
          opened.imported.imported
            ? `contract registry ${file} imported into the store as version ${opened.imported.versie}`
            : `contract registry version ${opened.imported.versie} from the store (${file} unchanged since its last import)`,
        );
        return opened.imported;
      } catch (err) {
        if (err instanceof ImportRemovesContractsError || err instanceof StoredRegistryInvalidError)
          throw new SettingsError(file, err.message, 'registry-invalid');
        throw err;
      }
    },
    stop: () => register?.stop(),
  };
}

/**
 * The external sources of the conversation rules (src/conversation/bronnen.ts): the CBS list (from the
 * woonplaats sources, or read on its own when no registry is configured) and the contract registry in
 * force. A missing CBS list leaves TR378 not assessed; it never stops the gateway.
 */
export async function conversationBronnen(s: RuleSettings, rules: Rules | undefined): Promise<ExterneBronnen> {
  let register: GemeenteRegister | undefined = rules?.woonplaats?.register;
  if (!register && !rules) register = await loadGemeenteRegister(cbsListPath(s.sharedDir)).catch(() => undefined);
  const wet = (standard: Standard): WetNaam => (standard === 'ijw' ? 'Jeugdwet' : 'Wmo');
  return {
    ...(register ? { cbs: { geldigOp: (code: string, datum: string) => register.geldigOp(code, datum) } } : {}),
    ...(rules
      ? {
          contract: {
            productcodes: (q) =>
              productcodesFor(rules.current(), {
                wet: wet(q.standard),
                gemeente: q.gemeente,
                agb: q.aanbieder,
                datum: q.datum,
                categorie: q.categorie,
              }),
            tarieven: (q) =>
              tarievenFor(rules.current(), {
                wet: wet(q.standard),
                gemeente: q.gemeente,
                agb: q.aanbieder,
                datum: q.datum,
                categorie: q.categorie,
                code: q.code,
              }),
          } satisfies ContractBron,
        }
      : {}),
  };
}
