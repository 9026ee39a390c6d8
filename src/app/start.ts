/**
 * The composition root: builds the running gateway from settings — parties, today's rules, the store,
 * validation threads, the pipeline and its delivery, Kafka when configured, the HTTP server — and
 * gives back one handle to stop it. `sluis serve` is this plus signal handling; the integration tests
 * start the same gateway with their own parties, store and clock.
 */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { loadPartiesConfig, type PartiesConfig } from '../config/parties.js';
import { BodyBudget } from '../http/body-budget.js';
import { CollectedGauge } from '../http/metrics.js';
import { closeServer, createRequestListener, listen, type TlsOptions } from '../http/server.js';
import type { BuildRetourFn, DecideFn, IngestValidateFn, ValidateFn } from '../pipeline/types.js';
import { openDb, type Db, type OpenedDb, type StoreKind } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { systemClock, type Clock } from './clock.js';
import { inUseMessage, lockDataDir, type DataDirLock } from './data-lock.js';
import { createApp, type App, type AppDeps } from './gateway.js';
import { conversationBronnen, loadRules, type Rules } from './rules.js';
import { SettingsError, demoExposureProblem, isLoopbackHost, type Settings, type StoreSettings } from './settings.js';

export interface RunningGateway {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly db: Db;
  readonly storeKind: StoreKind;
  readonly app: App;
  readonly parties: PartiesConfig;
  readonly rules?: Rules;
  readonly clock: Clock;
  /** Stops taking work, stops delivery and Kafka, closes the server, the threads and the store. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The parties as an object (tests); default: the settings' parties file. */
  readonly parties?: PartiesConfig;
  /** Test overrides of single parts; production leaves them unset. */
  readonly decide?: DecideFn;
  readonly buildRetour?: BuildRetourFn;
  readonly webhook?: AppDeps['webhook'];
}

/** Opens (and migrates) the store the settings name. */
export async function openStore(
  store: StoreSettings,
  o: { worker?: boolean } = {},
): Promise<OpenedDb & { readonly migrationsApplied: readonly string[] }> {
  const opened =
    store.kind === 'postgres'
      ? await openDb({
          databaseUrl: store.databaseUrl,
          ...(store.schema ? { schema: store.schema } : {}),
          ...(store.poolSize ? { poolSize: store.poolSize } : {}),
        })
      : store.kind === 'pglite'
        ? await openDb({ dataDir: store.dataDir, worker: o.worker ?? true })
        : await openDb({ memory: true, worker: o.worker ?? true });
  try {
    return { ...opened, migrationsApplied: await migrate(opened.db) };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/** The parties config named by the settings (throws ConfigError naming every problem with its path). */
export function loadParties(settings: Pick<Settings, 'parties'>): PartiesConfig {
  return loadPartiesConfig(settings.parties.file);
}

/**
 * Starts the gateway. Configuration problems (parties, registry, woonplaats sources, Kafka, threads)
 * throw SettingsError before anything listens; everything opened so far is closed again.
 */
export async function startGateway(settings: Settings, o: StartOptions): Promise<RunningGateway> {
  const { logger } = o;
  const clock = o.clock ?? systemClock;
  if (!o.parties) {
    const exposed = demoExposureProblem(settings);
    if (exposed) throw exposed;
  }
  const parties = o.parties ?? loadParties(settings);
  if (!o.parties) {
    if (settings.parties.demo)
      logger.warn(
        {
          event: 'config',
          source: settings.parties.file,
          demo: true,
          parties: parties.parties.size,
          host: settings.host,
          loopbackOnly: isLoopbackHost(settings.host),
        },
        `no SLUIS_PARTIES set: using the DEMO parties config ${settings.parties.file} (published demo keys, see docs/operations.md) — not for production; ` +
          (isLoopbackHost(settings.host)
            ? `listening on ${settings.host} only (reachable from this machine only)`
            : `EXPOSED on ${settings.host} because SLUIS_DEMO_PUBLIC=1`),
      );
    else
      logger.info(
        { event: 'config', source: settings.parties.file, parties: parties.parties.size },
        `parties config ${settings.parties.file}`,
      );
  }
  // The registry is checked before the store opens: a bad file stops the start at once.
  const rules = settings.registryFile ? await loadRules(settings.registryFile, settings, logger) : undefined;
  if (!rules)
    logger.info(
      { event: 'registry', source: null },
      'no SLUIS_REGISTRY: no contract registry configured, valid berichten are routed to the other party in the header',
    );

  // PGlite: this process only (src/app/data-lock.ts); a `sluis replay` on the folder is refused while we run.
  let lock: DataDirLock | undefined;
  if (settings.store.kind === 'pglite') {
    const taken = lockDataDir(settings.store.dataDir, 'serve');
    if ('heldBy' in taken)
      throw new SettingsError('SLUIS_DATA_DIR', inUseMessage(settings.store.dataDir, taken.heldBy, 'serve'), 'data-dir-in-use');
    lock = taken;
  }
  let opened;
  try {
    opened = await openStore(settings.store);
  } catch (err) {
    lock?.release();
    throw err;
  }
  logger.info(
    { event: 'store', store: opened.kind, where: opened.describe, migrationsApplied: opened.migrationsApplied },
    `store ${opened.describe}`,
  );
  const closers: (() => Promise<void>)[] = [async () => lock?.release(), () => opened.close()];
  const closeAll = async (): Promise<void> => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    // The registry lives in the store (decision 0032): the file is imported when new or changed.
    if (rules) {
      await rules.useStore(opened.db, clock, { pollMs: settings.registryPollMs, logger });
      closers.push(async () => rules.stop());
    }
    const validate = await validation(settings, logger, closers);
    const { buildRetour } = await import('../validation/retour.js');
    const app = createApp({
      db: opened.db,
      storeKind: opened.kind,
      parties,
      logger,
      clock,
      unknownAddressee: settings.unknownAddressee,
      termijnen: settings.termijnen,
      conversation: settings.conversation,
      validate,
      buildRetour: o.buildRetour ?? (buildRetour as BuildRetourFn),
      ...(rules ? { rules } : {}),
      bronnen: await conversationBronnen(settings, rules),
      ...(o.decide ? { decide: o.decide } : {}),
      ...(o.webhook ? { webhook: o.webhook } : {}),
    });
    // Kafka when KAFKA_BROKERS is set (src/kafka/wire.ts): inbound log, events, ingress consumer.
    const { startKafkaFromEnv } = await import('./kafka-from-env.js');
    const { KafkaConfigError } = await import('../kafka/config.js');
    try {
      const kafka = await startKafkaFromEnv({
        env: settings.env,
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
      if (err instanceof KafkaConfigError) throw new SettingsError('KAFKA_BROKERS', err.message, 'kafka-config-invalid');
      throw err;
    }
    const tls = settings.tls ? readTls(settings.tls) : undefined;
    const bodyBudget = new BodyBudget(settings.bodies.budgetBytes);
    app.attach({
      gauges: [
        new CollectedGauge('sluis_http_body_bytes_in_flight', 'Bytes reserved by request bodies being read or handled', () =>
          Promise.resolve([{ labels: {}, value: bodyBudget.inFlight }]),
        ),
        new CollectedGauge('sluis_http_body_budget_bytes', 'The budget for request bodies in flight (SLUIS_BODY_BUDGET_BYTES)', () =>
          Promise.resolve([{ labels: {}, value: bodyBudget.limit }]),
        ),
      ],
    });
    const { server, port } = await listen(
      createRequestListener(app.handle, (err) => logger.error({ event: 'internal-error', err }, 'request failed in the HTTP adapter'), {
        budget: bodyBudget,
        limits: settings.bodies,
        now: () => clock.now(),
      }),
      settings.port,
      settings.host,
      tls,
    );
    if (tls)
      logger.info(
        { event: 'tls', clientCertificates: tls.clientCa !== undefined },
        tls.clientCa ? 'listening with TLS; client certificates asked for (SLUIS_TLS_CLIENT_CA)' : 'listening with TLS',
      );
    app.start();
    const shownHost = settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host;
    return {
      url: `${tls ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
      host: settings.host,
      port,
      db: opened.db,
      storeKind: opened.kind,
      app,
      parties,
      ...(rules ? { rules } : {}),
      clock,
      async stop() {
        await app.stop();
        await closeServer(server);
        await closeAll();
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** Validation on the main thread or in worker threads, as the settings say; the pool's close is registered. */
async function validation(settings: Settings, logger: Logger, closers: (() => Promise<void>)[]): Promise<IngestValidateFn> {
  // Loaded here, not at the top, so a `sluis --help` does not pay for the model tables.
  const { validateBericht } = await import('../validation/validate.js');
  const threads = settings.validateThreads;
  const { createValidatePool, defaultInlineBytes, sizeRoutedValidate } = await import('../pipeline/validate-pool.js');
  const pool =
    threads === 0
      ? undefined
      : await createValidatePool({
          ...(threads !== undefined ? { threads } : {}),
          onWorkerExit: (code, held) => logger.error({ event: 'validate-thread-exit', code, held }, 'a validation thread exited; replaced'),
        });
  if (pool) closers.push(() => pool.close());
  const inlineMax = pool ? (settings.validateInlineBytes ?? defaultInlineBytes(pool.threads)) : 0;
  logger.info(
    { event: 'validation', threads: pool?.threads ?? 0, inlineMaxBytes: pool ? inlineMax : null },
    !pool
      ? 'validating on the main thread'
      : inlineMax > 0
        ? `validating berichten up to ${inlineMax} bytes on the main thread, larger ones on ${pool.threads} worker thread(s)`
        : `validating on ${pool.threads} worker thread(s)`,
  );
  return pool ? sizeRoutedValidate(pool, validateBericht as ValidateFn, inlineMax) : (validateBericht as ValidateFn);
}

/** The TLS files the settings name, read once at start; one that cannot be read is a SettingsError naming it. */
function readTls(t: NonNullable<Settings['tls']>): TlsOptions {
  const read = (file: string, name: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new SettingsError(name, `${name}: cannot read ${file} (${(err as Error).message})`);
    }
  };
  return {
    cert: read(t.certFile, 'SLUIS_TLS_CERT'),
    key: read(t.keyFile, 'SLUIS_TLS_KEY'),
    ...(t.clientCaFile ? { clientCa: read(t.clientCaFile, 'SLUIS_TLS_CLIENT_CA') } : {}),
  };
}
