/**
 * Kafka settings from the environment. Kafka is optional: without `KAFKA_BROKERS` Sluis runs embedded
 * and the journal plays the role of the log. Every variable is documented in docs/kafka.md.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Logical topic roles → configured topic names. */
export interface KafkaTopics {
  /** Every journaled bericht (raw XML), keyed per client of one gemeente. */
  readonly inbound: string;
  /** Decision and delivery events (JSON, schemas/events/). */
  readonly events: string;
  /** Raw XML berichten to take in through the pipeline (optional consumer). */
  readonly ingress: string;
  /** Ingress messages the pipeline refused (L1 failure, not XML, …) with the reason in headers. */
  readonly deadletter: string;
}

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Consumer group of the ingress consumer: every Sluis instance of one deployment uses the same. */
  readonly groupId: string;
  readonly topics: KafkaTopics;
  /** HMAC-SHA256 secret for message keys (never the BSN in clear). */
  readonly keySecret: string;
  /** Consume the ingress topic (SLUIS_KAFKA_INGRESS=1). */
  readonly ingress: boolean;
  /** Instance id: lease holder and `locked_by` of outbox rows. */
  readonly instanceId: string;
  readonly ssl: boolean;
  readonly sasl?: { readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; readonly username: string; readonly password: string };
  /** Consumer session timeout; 6000 ms in tests against the mock (rebalance waits sessionTimeout − 1 s). */
  readonly sessionTimeoutMs: number;
}

export const DEFAULT_TOPICS: KafkaTopics = {
  inbound: 'sluis.inbound',
  events: 'sluis.events',
  ingress: 'sluis.ingress',
  deadletter: 'sluis.deadletter',
};

export class KafkaConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'KafkaConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const SASL = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** `undefined` when Kafka is not configured (no KAFKA_BROKERS). Throws KafkaConfigError on a bad value. */
export function kafkaSettingsFromEnv(env: Env): KafkaSettings | undefined {
  const raw = env['KAFKA_BROKERS']?.trim();
  if (!raw) return undefined;
  const brokers = raw
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  for (const b of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(b)) throw new KafkaConfigError('KAFKA_BROKERS', `'${b}' is not host:port`);
  }
  const prefix = env['SLUIS_KAFKA_TOPIC_PREFIX'] ?? '';
  const topic = (name: keyof KafkaTopics, variable: string): string => {
    const t = env[variable]?.trim() || `${prefix}${DEFAULT_TOPICS[name]}`;
    if (!TOPIC_NAME.test(t)) throw new KafkaConfigError(variable, `'${t}' is not a valid topic name`);
    return t;
  };
  const keySecret = env['SLUIS_KAFKA_KEY_SECRET'] ?? '';
  if (keySecret.length < 16) {
    throw new KafkaConfigError(
      'SLUIS_KAFKA_KEY_SECRET',
      'required with KAFKA_BROKERS, at least 16 characters (keys are HMAC-SHA256 of gemeente + BSN)',
    );
  }
  let sasl: KafkaSettings['sasl'];
  const mech = env['KAFKA_SASL_MECHANISM']?.toLowerCase();
  if (mech) {
    if (!(SASL as readonly string[]).includes(mech)) throw new KafkaConfigError('KAFKA_SASL_MECHANISM', `one of ${SASL.join(', ')}`);
    sasl = {
      mechanism: mech as (typeof SASL)[number],
      username: env['KAFKA_SASL_USERNAME'] ?? '',
      password: env['KAFKA_SASL_PASSWORD'] ?? '',
    };
  }
  const session = Number(env['SLUIS_KAFKA_SESSION_TIMEOUT_MS'] ?? '30000');
  if (!Number.isInteger(session) || session < 1000) throw new KafkaConfigError('SLUIS_KAFKA_SESSION_TIMEOUT_MS', 'an integer ≥ 1000');
  return {
    brokers,
    clientId: env['KAFKA_CLIENT_ID']?.trim() || 'sluis',
    groupId: env['SLUIS_KAFKA_GROUP_ID']?.trim() || 'sluis',
    topics: {
      inbound: topic('inbound', 'SLUIS_KAFKA_TOPIC_INBOUND'),
      events: topic('events', 'SLUIS_KAFKA_TOPIC_EVENTS'),
      ingress: topic('ingress', 'SLUIS_KAFKA_TOPIC_INGRESS'),
      deadletter: topic('deadletter', 'SLUIS_KAFKA_TOPIC_DEADLETTER'),
    },
    keySecret,
    ingress: env['SLUIS_KAFKA_INGRESS'] === '1' || env['SLUIS_KAFKA_INGRESS'] === 'true',
    instanceId: env['SLUIS_INSTANCE_ID']?.trim() || `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    ssl: env['KAFKA_SSL'] === '1' || env['KAFKA_SSL'] === 'true',
    ...(sasl ? { sasl } : {}),
    sessionTimeoutMs: session,
  };
}
