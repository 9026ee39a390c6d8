/**
 * `sluis serve` (= `npm start`): the gateway, built by the composition root (src/app/start.ts) from the
 * environment (src/app/settings.ts; every setting explained in docs/operations.md). Logs are pino JSON
 * on stdout. SIGTERM/SIGINT: stop taking work, finish in-flight requests, close.
 */
import type { CliIO } from './main.js';
import { ConfigError } from '../config/parties.js';
import { createLogger } from '../http/log.js';
import { SETTINGS, SettingsError, settingsFromEnv } from '../app/settings.js';

/** The settings `sluis serve --help` names; serve.test.ts keeps this list and docs/operations.md equal. */
export const SERVE_SETTINGS = SETTINGS;

export function serveUsage(): string {
  return `usage: sluis serve\n  env: ${SERVE_SETTINGS.join(', ')} (+ KAFKA_*: docs/kafka.md)\n  see docs/operations.md\n`;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(serveUsage());
    return 0;
  }
  const logger = createLogger({ level: io.env.LOG_LEVEL ?? 'info' });
  const { startGateway } = await import('../app/start.js');
  let gateway;
  try {
    gateway = await startGateway(settingsFromEnv(io.env, io.cwd), { logger });
  } catch (err) {
    if (err instanceof ConfigError) {
      logger.fatal({ event: 'config-invalid', source: err.source, problems: err.problems }, err.message);
      return 2;
    }
    if (err instanceof SettingsError) {
      logger.fatal({ event: err.event, source: err.source }, err.message);
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
  logger.info(
    { event: 'listening', host: gateway.host, port: gateway.port, store: gateway.storeKind },
    `listening on http://${gateway.host}:${gateway.port}`,
  );
  await stopped;
  await gateway.stop();
  logger.info({ event: 'stopped' }, 'stopped');
  return 0;
}
