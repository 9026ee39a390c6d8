/**
 * kafkajs wiring. kafkajs is CommonJS; the default import is the stable way to reach it from ESM.
 */
import kafkajs from 'kafkajs';
import type { Kafka, KafkaConfig, LogEntry } from 'kafkajs';
import type { KafkaSettings } from './config.js';

const { Kafka: KafkaCtor, logLevel } = kafkajs;

/** Where kafkajs' own log lines go (the gateway passes its pino logger's warn/error). */
export type KafkaLogSink = (level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown>) => void;

export function createKafka(settings: KafkaSettings, sink?: KafkaLogSink): Kafka {
  const config: KafkaConfig = {
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    ssl: settings.ssl,
    // 3 s to connect and 10 s per request keep readiness checks and the broker-down case responsive
    // (kafkajs defaults: 1 s / 30 s).
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, retries: 5 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      if (!sink) return;
      const level = entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'info';
      const { message, ...extra } = entry.log;
      sink(level, `kafkajs ${entry.namespace}: ${message}`, extra);
    },
  };
  if (settings.sasl) config.sasl = { ...settings.sasl } as KafkaConfig['sasl'];
  return new KafkaCtor(config);
}

export function errorText(err: unknown): string {
  const e = err as { message?: unknown; name?: unknown } | null;
  const text = e && typeof e === 'object' && typeof e.message === 'string' ? `${String(e.name ?? 'Error')}: ${e.message}` : String(err);
  return text.slice(0, 500);
}
