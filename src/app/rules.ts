/**
 * "Today's rules": the contract registry in force and the woonplaats sources, loaded once from the
 * settings, and the one decide chain built over them (summarize → woonplaats → decision core, in
 * src/pipeline/decide-registry.ts). The gateway, an operator replay, `sluis replay` and `sluis
 * explain` all take their decisions from here, so they cannot drift apart.
 */
import type { Logger } from 'pino';
import { registryHolder, type ContractenDeps } from '../contracts/handlers.js';
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
import { journalReplayDecider, pipelineDecider, type ReplayDecider } from '../replay/decider.js';
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
  return pipelineDecider({ decide: routeToCounterparty, validate: validateBericht as ValidateFn, today: o.today, db });
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
  const w = await loadWoonplaats(s);
  if (w.deps)
    logger?.info(
      { event: 'woonplaats', cbs: w.cbs, postcodes: s.postcodesFile ?? null, lookup: Boolean(s.lookup) },
      'woonplaats check enabled',
    );
  else logger?.warn({ event: 'woonplaats', cbs: w.cbs }, `woonplaats check disabled: ${w.off}`);
  const woonplaats = w.deps;
  return {
    contracten: { checker, ...holder, persisted: false },
    ...(woonplaats ? { woonplaats } : {}),
    current: holder.current,
    decide: (db) => registryDecide({ registry: holder.current, state: journalState(db), ...(woonplaats ? { woonplaats } : {}) }),
    // Read when a replay starts: the registry in force then (a PUT may have replaced the file's) and
    // the date in the Netherlands then — the clock's, never a UTC date.
    replayDecider: (db, clock) => () => journalReplayDecider({ registry: holder.current(), today: clock.today(), db }),
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
