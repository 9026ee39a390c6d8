/**
 * The gateway's settings, read from the environment in ONE place. `sluis serve`, `sluis replay`,
 * `sluis explain` and the tests all build their pipeline from a `Settings` value (src/app/compose.ts),
 * so a setting means the same thing everywhere. docs/operations.md explains each; serve.test.ts keeps
 * that table and SETTINGS equal.
 */
import { resolve } from 'node:path';
import { DEFAULT_BODY_LIMITS, type BodyLimits } from '../http/body-budget.js';
import { demoPartiesPath, sharedDir } from '../paths.js';

/** Every environment variable `sluis serve` reads (Kafka's own KAFKA_* settings: docs/kafka.md). */
export const SETTINGS = [
  'PORT',
  'HOST',
  'SLUIS_DEMO_PUBLIC',
  'SLUIS_UNKNOWN_ADDRESSEE',
  'SLUIS_CONVERSATION',
  'DATABASE_URL',
  'SLUIS_DATA_DIR',
  'SLUIS_PARTIES',
  'SLUIS_REGISTRY',
  'SLUIS_SHARED',
  'SLUIS_POSTCODES',
  'SLUIS_LOOKUP_URL',
  'SLUIS_LOOKUP_TOKEN',
  'KAFKA_BROKERS',
  'SLUIS_KAFKA_KEY_SECRET',
  'SLUIS_VALIDATE_THREADS',
  'SLUIS_VALIDATE_INLINE_BYTES',
  'SLUIS_BODY_BUDGET_BYTES',
  'SLUIS_BODY_IDLE_SECONDS',
  'SLUIS_BODY_DEADLINE_SECONDS',
  'SLUIS_BEVRIJDINGSDAG',
  'SLUIS_TERMIJN_INTERVAL_MS',
  'SLUIS_REGISTRY_POLL_MS',
  'LOG_LEVEL',
  'SLUIS_TLS_CERT',
  'SLUIS_TLS_KEY',
  'SLUIS_TLS_CLIENT_CA',
] as const;

export type Env = Readonly<Record<string, string | undefined>>;

/** Where the journal lives. */
export type StoreSettings =
  /** PostgreSQL (DATABASE_URL); `schema` only for tests that share one database. */
  | { readonly kind: 'postgres'; readonly databaseUrl: string; readonly schema?: string; readonly poolSize?: number }
  /** PGlite in a data folder (the embedded default, ./data). */
  | { readonly kind: 'pglite'; readonly dataDir: string }
  /** PGlite in memory (tests, `explain`-style offline runs). */
  | { readonly kind: 'memory' };

export interface Settings {
  readonly port: number;
  /** Where to listen; default 0.0.0.0, but 127.0.0.1 on the demo parties config (its keys are public). */
  readonly host: string;
  /** SLUIS_DEMO_PUBLIC=1: the operator accepts the demo config listening beyond loopback (see demoExposure). */
  readonly demoPublic: boolean;
  /** SLUIS_UNKNOWN_ADDRESSEE: a bericht for a party code no config names is refused (default) or routed. */
  readonly unknownAddressee: 'refuse' | 'route';
  /**
   * SLUIS_CONVERSATION: the conversation rules (berichtoverstijgend; src/conversation) run in advise
   * mode (default, `advise`) or not at all (`off`: no findings, no per-conversation order; for
   * measuring their cost and as an escape hatch).
   */
  readonly conversation: 'advise' | 'off';
  readonly store: StoreSettings;
  /** The parties config file; `demo` is true when none was set and the demo config is used. */
  readonly parties: { readonly file: string; readonly demo: boolean };
  /** The contract registry file; absent: route to the header's other party. */
  readonly registryFile?: string;
  /** The reference data folder (CBS gemeente list for the woonplaats check). */
  readonly sharedDir: string;
  readonly postcodesFile?: string;
  readonly lookup?: { readonly url: string; readonly token?: string };
  /** Validation worker threads; undefined: the pool's default (cores − 1, 1 to 4); 0: the main thread. */
  readonly validateThreads?: number;
  /** Berichten up to this size are validated on the main thread; undefined: the pool's default. */
  readonly validateInlineBytes?: number;
  /** Request bodies: the budget for bytes in flight, the idle timeout and the deadline of a body read. */
  readonly bodies: BodyLimits;
  readonly logLevel: string;
  /** Termijnen: count 5 May as a feestdag (SLUIS_BEVRIJDINGSDAG, default 1 as the Algemene termijnenwet does) and how often the tracker runs. */
  readonly termijnen: { readonly bevrijdingsdag: boolean; readonly intervalMs: number };
  /** How often the stored contract registry is checked for other instances' changes (SLUIS_REGISTRY_POLL_MS, default 2000). */
  readonly registryPollMs: number;
  /**
   * TLS (SLUIS_TLS_CERT, SLUIS_TLS_KEY: PEM files); with SLUIS_TLS_CLIENT_CA the gateway asks for a
   * client certificate and a verified one may stand for a party (decision 0028). Absent: plain HTTP.
   */
  readonly tls?: { readonly certFile: string; readonly keyFile: string; readonly clientCaFile?: string };
  /** The environment itself, for settings read by their own room (Kafka: src/kafka/config.ts). */
  readonly env: Env;
}

/**
 * A setting that cannot be used; `source` names the variable (or file) so the operator can fix it, and
 * `event` is the log event `serve` reports it under (config-invalid, registry-invalid, …).
 */
export class SettingsError extends Error {
  constructor(
    readonly source: string,
    message: string,
    readonly event: string = 'config-invalid',
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** A whole number in 0…max, or undefined when unset or empty. */
function wholeNumber(env: Env, name: string, must: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new SettingsError(name, `${name} must be ${must}, got '${text}'`);
  return n;
}

/** 1 MiB: below that ordinary berichten would be refused (a budget under 25 MB never admits the largest declaraties). */
const MIN_BODY_BUDGET_BYTES = 1024 * 1024;

/** Reads the settings; relative paths are taken from `cwd`. Throws SettingsError on a value that cannot be used. */
export function settingsFromEnv(env: Env, cwd: string): Settings {
  const port = wholeNumber(env, 'PORT', 'a port number 0–65535', 65_535);
  const validateThreads = wholeNumber(env, 'SLUIS_VALIDATE_THREADS', 'an integer 0–64', 64);
  const validateInlineBytes = wholeNumber(env, 'SLUIS_VALIDATE_INLINE_BYTES', 'a whole number of bytes ≥ 0');
  const budgetBytes = wholeNumber(env, 'SLUIS_BODY_BUDGET_BYTES', `a whole number of bytes ≥ ${MIN_BODY_BUDGET_BYTES}`);
  if (budgetBytes !== undefined && budgetBytes < MIN_BODY_BUDGET_BYTES)
    throw new SettingsError(
      'SLUIS_BODY_BUDGET_BYTES',
      `SLUIS_BODY_BUDGET_BYTES must be at least ${MIN_BODY_BUDGET_BYTES}, got '${budgetBytes}'`,
    );
  const idleSeconds = wholeNumber(env, 'SLUIS_BODY_IDLE_SECONDS', 'a whole number of seconds 1–3600', 3600);
  const deadlineSeconds = wholeNumber(env, 'SLUIS_BODY_DEADLINE_SECONDS', 'a whole number of seconds 1–3600', 3600);
  if (idleSeconds === 0)
    throw new SettingsError('SLUIS_BODY_IDLE_SECONDS', `SLUIS_BODY_IDLE_SECONDS must be a whole number of seconds 1–3600, got '0'`);
  if (deadlineSeconds === 0)
    throw new SettingsError('SLUIS_BODY_DEADLINE_SECONDS', `SLUIS_BODY_DEADLINE_SECONDS must be a whole number of seconds 1–3600, got '0'`);
  const store: StoreSettings = env.DATABASE_URL
    ? { kind: 'postgres', databaseUrl: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: resolve(cwd, env.SLUIS_DATA_DIR ?? './data') };
  const demoPublicText = env.SLUIS_DEMO_PUBLIC;
  if (demoPublicText !== undefined && demoPublicText !== '' && demoPublicText !== '0' && demoPublicText !== '1')
    throw new SettingsError('SLUIS_DEMO_PUBLIC', `SLUIS_DEMO_PUBLIC must be 1 or 0, got '${demoPublicText}'`);
  const unknownAddressee = env.SLUIS_UNKNOWN_ADDRESSEE || 'refuse';
  if (unknownAddressee !== 'refuse' && unknownAddressee !== 'route')
    throw new SettingsError('SLUIS_UNKNOWN_ADDRESSEE', `SLUIS_UNKNOWN_ADDRESSEE must be refuse or route, got '${unknownAddressee}'`);
  const bevrijdingsdag = env.SLUIS_BEVRIJDINGSDAG;
  if (bevrijdingsdag !== undefined && bevrijdingsdag !== '' && bevrijdingsdag !== '0' && bevrijdingsdag !== '1')
    throw new SettingsError('SLUIS_BEVRIJDINGSDAG', `SLUIS_BEVRIJDINGSDAG must be 1 or 0, got '${bevrijdingsdag}'`);
  const intervalMs = wholeNumber(env, 'SLUIS_TERMIJN_INTERVAL_MS', 'a whole number of milliseconds 100–3600000', 3_600_000);
  if (intervalMs !== undefined && intervalMs < 100)
    throw new SettingsError(
      'SLUIS_TERMIJN_INTERVAL_MS',
      `SLUIS_TERMIJN_INTERVAL_MS must be a whole number of milliseconds 100–3600000, got '${intervalMs}'`,
    );
  const registryPollMs = wholeNumber(env, 'SLUIS_REGISTRY_POLL_MS', 'a whole number of milliseconds 100–3600000', 3_600_000);
  if (registryPollMs !== undefined && registryPollMs < 100)
    throw new SettingsError(
      'SLUIS_REGISTRY_POLL_MS',
      `SLUIS_REGISTRY_POLL_MS must be a whole number of milliseconds 100–3600000, got '${registryPollMs}'`,
    );
  const conversation = env.SLUIS_CONVERSATION || 'advise';
  if (conversation !== 'advise' && conversation !== 'off')
    throw new SettingsError('SLUIS_CONVERSATION', `SLUIS_CONVERSATION must be advise or off, got '${conversation}'`);
  const demo = !env.SLUIS_PARTIES;
  const [certFile, keyFile, clientCaFile] = [env.SLUIS_TLS_CERT, env.SLUIS_TLS_KEY, env.SLUIS_TLS_CLIENT_CA].map((v) =>
    v ? resolve(cwd, v) : undefined,
  );
  if (!certFile !== !keyFile)
    throw new SettingsError(
      certFile ? 'SLUIS_TLS_KEY' : 'SLUIS_TLS_CERT',
      'SLUIS_TLS_CERT and SLUIS_TLS_KEY go together: set both for TLS, or neither',
    );
  if (clientCaFile && !certFile)
    throw new SettingsError('SLUIS_TLS_CLIENT_CA', 'SLUIS_TLS_CLIENT_CA needs TLS: set SLUIS_TLS_CERT and SLUIS_TLS_KEY too');
  return {
    unknownAddressee,
    conversation,
    port: port ?? 8080,
    host: env.HOST || (demo ? '127.0.0.1' : '0.0.0.0'),
    demoPublic: demoPublicText === '1',
    store,
    parties: demo ? { file: demoPartiesPath(), demo: true } : { file: resolve(cwd, env.SLUIS_PARTIES!), demo: false },
    ...(env.SLUIS_REGISTRY ? { registryFile: resolve(cwd, env.SLUIS_REGISTRY) } : {}),
    sharedDir: sharedDir(env),
    ...(env.SLUIS_POSTCODES ? { postcodesFile: resolve(cwd, env.SLUIS_POSTCODES) } : {}),
    ...(env.SLUIS_LOOKUP_URL
      ? { lookup: { url: env.SLUIS_LOOKUP_URL, ...(env.SLUIS_LOOKUP_TOKEN ? { token: env.SLUIS_LOOKUP_TOKEN } : {}) } }
      : {}),
    ...(validateThreads !== undefined ? { validateThreads } : {}),
    ...(validateInlineBytes !== undefined ? { validateInlineBytes } : {}),
    bodies: {
      budgetBytes: budgetBytes ?? DEFAULT_BODY_LIMITS.budgetBytes,
      idleMs: idleSeconds !== undefined ? idleSeconds * 1000 : DEFAULT_BODY_LIMITS.idleMs,
      deadlineMs: deadlineSeconds !== undefined ? deadlineSeconds * 1000 : DEFAULT_BODY_LIMITS.deadlineMs,
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    termijnen: { bevrijdingsdag: bevrijdingsdag !== '0', intervalMs: intervalMs ?? 1000 },
    registryPollMs: registryPollMs ?? 2000,
    ...(certFile && keyFile ? { tls: { certFile, keyFile, ...(clientCaFile ? { clientCaFile } : {}) } } : {}),
    env,
  };
}

/** Loopback addresses: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * How the demo parties config may be exposed. Its API keys are published (an operator key among them,
 * which reads every bericht), so on the demo config Sluis listens on loopback only; listening anywhere
 * else takes BOTH an explicit HOST and SLUIS_DEMO_PUBLIC=1. Returns the problem, or undefined when fine.
 */
export function demoExposureProblem(settings: Pick<Settings, 'host' | 'demoPublic' | 'parties'>): SettingsError | undefined {
  if (!settings.parties.demo || isLoopbackHost(settings.host) || settings.demoPublic) return undefined;
  return new SettingsError(
    'HOST',
    `refusing to listen on ${settings.host} with the DEMO parties config (its API keys are public, including an operator key): ` +
      'set SLUIS_PARTIES to your own parties config, or set SLUIS_DEMO_PUBLIC=1 to expose the demo on purpose',
    'demo-exposed',
  );
}
