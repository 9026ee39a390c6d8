/**
 * `sluis serve` (= `npm start`): the gateway. Configuration from the environment:
 * - PORT (default 8080), HOST (default 0.0.0.0)
 * - DATABASE_URL: PostgreSQL; absent → embedded PGlite in SLUIS_DATA_DIR (default ./data)
 * - SLUIS_PARTIES: parties config file; absent → the demo config (said in the first log line)
 * - SLUIS_REGISTRY: contract registry (JSON); absent → route to the header's other party (documented).
 *   With it: the decision core decides, /api/v1/contracten serves (and replaces, in memory) the registry,
 *   and the woonplaats check runs when the CBS list is readable ($SLUIS_SHARED or <repo>/../shared),
 *   with SLUIS_POSTCODES (postcode range table) and SLUIS_LOOKUP_URL (+ SLUIS_LOOKUP_TOKEN) when set.
 * - KAFKA_BROKERS (+ KAFKA_*): Kafka inbound log, events and ingress (docs/kafka.md); absent → no Kafka
 * - SLUIS_VALIDATE_THREADS: validation worker threads (default: cores − 1, 1 to 4); 0 validates on the main thread
 * - SLUIS_VALIDATE_INLINE_BYTES: berichten up to this size are validated on the main thread, larger ones
 *   in the threads (default: 65536 with one thread, 0 with more; see validate-pool.ts)
 * - LOG_LEVEL (default info)
 * Logs are pino JSON on stdout. SIGTERM/SIGINT: stop taking work, finish in-flight requests, close.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { CliIO } from './main.js';
import type { WoonplaatsDeps } from '../woonplaats/check.js';
import { ConfigError, loadPartiesConfig } from '../config/parties.js';
import { openDb, type Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { createLogger } from '../http/log.js';
import { createApp } from '../http/app.js';
import { CollectedGauge } from '../http/metrics.js';
import { closeServer, createRequestListener, listen } from '../http/server.js';
import type { BuildRetourFn, DecideFn, ValidateFn } from '../pipeline/types.js';
import type { Logger } from 'pino';
import type { ContractenDeps } from '../contracts/handlers.js';
import type { ReplayDecider } from '../replay/decider.js';

/** A whole-number setting: undefined when unset or empty, null when not an integer in 0…max. */
function wholeNumberSetting(text: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined | null {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : null;
}

export class StartError extends Error {
  constructor(
    readonly event: string,
    readonly source: string,
    message: string,
  ) {
    super(message);
    this.name = 'StartError';
  }
}

/**
 * SLUIS_REGISTRY wiring: the checked registry in a holder (PUT /api/v1/contracten swaps it in memory;
 * the file is never rewritten — an operator changes the file for a lasting change), the decision
 * core over that holder with the journal as state, and the woonplaats sources that are available.
 */
export async function registryWiring(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  logger: Logger,
): Promise<{
  decide: (db: Db) => DecideFn;
  contracten: ContractenDeps & { persisted: boolean };
  replayDecider: (db: Db, clock?: () => Date) => () => ReplayDecider;
}> {
  const { loadRegistryFile, formatRegistryErrors } = await import('../contracts/load.js');
  const { createRegistryChecker } = await import('../contracts/registry.js');
  const { registryHolder } = await import('../contracts/handlers.js');
  const checker = createRegistryChecker();
  const check = await loadRegistryFile(file, checker);
  if (!check.ok) throw new StartError('registry-invalid', file, `invalid contract registry:\n${formatRegistryErrors(check)}`);
  const holder = registryHolder(check.registry);
  logger.info({ event: 'registry', source: file, contracten: check.registry.contracten.length }, `contract registry ${file}`);

  const { cbsListPath, loadGemeenteRegister, loadPostcodeTabel, sharedDir } = await import('../woonplaats/load.js');
  const { createHttpWoonplaatsLookup, LookupConfigError } = await import('../woonplaats/lookup.js');
  const here = fileURLToPath(new URL('.', import.meta.url));
  const repoRoot =
    [resolve(here, '../..'), resolve(here, '../../..')].find((p) => existsSync(resolve(p, 'package.json'))) ?? resolve(here, '../..');
  const cbs = cbsListPath(sharedDir(env, repoRoot));
  let woonplaats: WoonplaatsDeps | undefined;
  try {
    const register = await loadGemeenteRegister(cbs);
    woonplaats = {
      register,
      ...(env.SLUIS_POSTCODES ? { postcodes: await loadPostcodeTabel(resolve(cwd, env.SLUIS_POSTCODES)) } : {}),
      ...(env.SLUIS_LOOKUP_URL
        ? {
            lookup: createHttpWoonplaatsLookup({
              baseUrl: env.SLUIS_LOOKUP_URL,
              ...(env.SLUIS_LOOKUP_TOKEN ? { token: env.SLUIS_LOOKUP_TOKEN } : {}),
            }),
          }
        : {}),
    };
    logger.info(
      { event: 'woonplaats', cbs, postcodes: env.SLUIS_POSTCODES ?? null, lookup: env.SLUIS_LOOKUP_URL ? true : false },
      'woonplaats check enabled',
    );
  } catch (err) {
    if (err instanceof LookupConfigError) throw new StartError('woonplaats-config-invalid', 'SLUIS_LOOKUP_URL', err.message);
    if (env.SLUIS_POSTCODES || env.SLUIS_LOOKUP_URL)
      throw new StartError('woonplaats-config-invalid', cbs, `woonplaats sources configured but not loadable: ${(err as Error).message}`);
    logger.warn(
      { event: 'woonplaats', cbs, error: (err as NodeJS.ErrnoException).code ?? (err as Error).name },
      'woonplaats check disabled: CBS gemeente list not readable (set SLUIS_SHARED)',
    );
  }
  const { registryDecide } = await import('../pipeline/decide-registry.js');
  const { journalState } = await import('../pipeline/journal-state.js');
  const { journalReplayDecider } = await import('../replay/decider.js');
  return {
    decide: (db) => registryDecide({ registry: holder.current, state: journalState(db), ...(woonplaats ? { woonplaats } : {}) }),
    contracten: { checker, ...holder, persisted: false },
    // The registry in force when the replay starts (a PUT may have replaced the file's), and the
    // day it starts on: the edge where the clock is read.
    replayDecider:
      (db, clock = () => new Date()) =>
      () =>
        journalReplayDecider({ registry: holder.current(), today: clock().toISOString().slice(0, 10), db }),
  };
}

/** The demo config shipped in the repo, found from src/cli (tsx) and from dist/src/cli (build). */
export function demoConfigPath(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [resolve(here, '../../config/demo.parties.json'), resolve(here, '../../../config/demo.parties.json')];
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

/**
 * The settings `sluis serve --help` names; docs/operations.md explains each, and serve.test.ts keeps
 * this list and that table equal.
 */
export const SERVE_SETTINGS = [
  'PORT',
  'HOST',
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
  'LOG_LEVEL',
] as const;

export function serveUsage(): string {
  return `usage: sluis serve\n  env: ${SERVE_SETTINGS.join(', ')} (+ KAFKA_*: docs/kafka.md)\n  see docs/operations.md\n`;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(serveUsage());
    return 0;
  }
  const env = io.env;
  const logger = createLogger({ level: env.LOG_LEVEL ?? 'info' });
  const configPath = env.SLUIS_PARTIES ? resolve(io.cwd, env.SLUIS_PARTIES) : demoConfigPath();
  let parties;
  try {
    parties = loadPartiesConfig(configPath);
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.fatal({ event: 'config-invalid', source: err.source, problems: err.problems }, err.message);
      return 2;
    }
    throw err;
  }
  if (env.SLUIS_PARTIES)
    logger.info({ event: 'config', source: configPath, parties: parties.parties.size }, `parties config ${configPath}`);
  else
    logger.warn(
      { event: 'config', source: configPath, demo: true, parties: parties.parties.size },
      `no SLUIS_PARTIES set: using the DEMO parties config ${configPath} (published demo keys, see docs/operations.md) — not for production`,
    );

  // The registry is checked before the store opens (a bad file stops the start at once); the decide
  // function needs the store for the journal state, so it is made below.
  let wiring: Awaited<ReturnType<typeof registryWiring>> | undefined;
  if (env.SLUIS_REGISTRY) {
    try {
      wiring = await registryWiring(resolve(io.cwd, env.SLUIS_REGISTRY), env, io.cwd, logger);
    } catch (err) {
      if (err instanceof StartError) {
        logger.fatal({ event: err.event, source: err.source }, err.message);
        return 2;
      }
      throw err;
    }
  } else {
    logger.info(
      { event: 'registry', source: null },
      'no SLUIS_REGISTRY: no contract registry configured, valid berichten are routed to the other party in the header',
    );
  }

  const port = Number(env.PORT ?? '8080');
  const host = env.HOST ?? '0.0.0.0';
  const opened = await openDb(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: resolve(io.cwd, env.SLUIS_DATA_DIR ?? './data'), worker: true },
  );
  const applied = await migrate(opened.db);
  logger.info({ event: 'store', store: opened.kind, where: opened.describe, migrationsApplied: applied }, `store ${opened.describe}`);

  // Loaded here, not imported at the top, so a `sluis --help` does not pay for the model tables.
  const { validateBericht } = await import('../validation/validate.js');
  const { buildRetour } = await import('../validation/retour.js');
  const threads = wholeNumberSetting(env.SLUIS_VALIDATE_THREADS, 64);
  const inlineBytes = wholeNumberSetting(env.SLUIS_VALIDATE_INLINE_BYTES);
  if (threads === null || inlineBytes === null) {
    const [name, must] =
      threads === null ? ['SLUIS_VALIDATE_THREADS', 'an integer 0–64'] : ['SLUIS_VALIDATE_INLINE_BYTES', 'a whole number of bytes ≥ 0'];
    logger.fatal({ event: 'config-invalid', source: name }, `${name} must be ${must}, got '${env[name]}'`);
    await opened.close();
    return 2;
  }
  const { createValidatePool, defaultInlineBytes, sizeRoutedValidate } = await import('../pipeline/validate-pool.js');
  const pool =
    threads === 0
      ? undefined
      : await createValidatePool({
          ...(threads !== undefined ? { threads } : {}),
          onWorkerExit: (code, held) => logger.error({ event: 'validate-thread-exit', code, held }, 'a validation thread exited; replaced'),
        });
  const inlineMax = pool ? (inlineBytes ?? defaultInlineBytes(pool.threads)) : 0;
  logger.info(
    { event: 'validation', threads: pool?.threads ?? 0, inlineMaxBytes: pool ? inlineMax : null },
    !pool
      ? 'validating on the main thread'
      : inlineMax > 0
        ? `validating berichten up to ${inlineMax} bytes on the main thread, larger ones on ${pool.threads} worker thread(s)`
        : `validating on ${pool.threads} worker thread(s)`,
  );
  const app = createApp({
    db: opened.db,
    storeKind: opened.kind,
    parties,
    logger,
    validate: pool ? sizeRoutedValidate(pool, validateBericht as ValidateFn, inlineMax) : (validateBericht as ValidateFn),
    buildRetour: buildRetour as BuildRetourFn,
    ...(wiring ? { decide: wiring.decide(opened.db), contracten: wiring.contracten, replayDecider: wiring.replayDecider(opened.db) } : {}),
  });
  // Kafka when KAFKA_BROKERS is set (src/kafka/wire.ts): inbound log, events, ingress consumer.
  const { startKafkaFromEnv } = await import('../kafka/wire.js');
  const { KafkaConfigError } = await import('../kafka/config.js');
  try {
    const kafka = await startKafkaFromEnv({
      env,
      db: opened.db,
      ingest: app.ingest,
      parties: parties.parties,
      log: (level, message, extra) => logger[level]({ event: 'kafka', ...extra }, message),
    });
    if (kafka) {
      app.attach({
        gauges: kafka.gauges().map((g) => new CollectedGauge(g.name, g.help, () => g.collect())),
        isReady: () => kafka.reachable(),
        stop: () => kafka.stop(),
      });
      logger.info({ event: 'kafka', enabled: true }, 'kafka enabled');
    }
  } catch (err) {
    if (err instanceof KafkaConfigError) {
      logger.fatal({ event: 'kafka-config-invalid' }, err.message);
      await pool?.close();
      await opened.close();
      return 2;
    }
    throw err;
  }

  // Handlers before the "listening" line: a supervisor may signal as soon as it reads it.
  const stopped = new Promise<void>((resolveStop) => {
    const stop = (signal: string): void => {
      logger.info({ event: 'stopping', signal }, 'stopping');
      resolveStop();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  const { server, port: bound } = await listen(
    createRequestListener(app.handle, (err) => logger.error({ event: 'internal-error', err }, 'request failed in the HTTP adapter')),
    port,
    host,
  );
  app.start();
  logger.info({ event: 'listening', host, port: bound, store: opened.kind }, `listening on http://${host}:${bound}`);
  await stopped;
  await app.stop();
  await closeServer(server);
  await pool?.close();
  await opened.close();
  logger.info({ event: 'stopped' }, 'stopped');
  return 0;
}
