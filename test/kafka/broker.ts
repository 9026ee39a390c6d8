/**
 * The Kafka broker for one test file: `KAFKA_BROKERS` from the environment when set (a real cluster —
 * topics are created through the admin API there), otherwise librdkafka's mock cluster started by
 * ../shared/kafka/start-mock-broker.sh with the topics as arguments (the mock has no CreateTopics).
 * Topic names get a per-file random prefix so files never see each other's messages on a shared cluster.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import kafkajs from 'kafkajs';
import type { Kafka } from 'kafkajs';
import { sharedDir } from '../support/paths.js';

const run = promisify(execFile);

export interface TopicSpec {
  readonly role: string;
  readonly partitions: number;
}

export interface TestBroker {
  readonly brokers: string[];
  /** role → real topic name (prefixed). */
  readonly topics: Record<string, string>;
  /** True when the broker came from KAFKA_BROKERS (not started here). */
  readonly external: boolean;
  readonly kafka: Kafka;
  /** Makes the broker unreachable (SIGSTOP: connections hang like a dead host) — mock only. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export function newKafka(brokers: string[], clientId = 'sluis-test'): Kafka {
  return new kafkajs.Kafka({ clientId, brokers, logLevel: kafkajs.logLevel.NOTHING, connectionTimeout: 3000, requestTimeout: 10_000 });
}

/**
 * `ownBroker`: always start a mock, even with KAFKA_BROKERS set (the broker-down test must be able to
 * stop its broker; a shared cluster cannot be stopped from a test).
 */
export async function startTestBroker(specs: readonly TopicSpec[], opts: { ownBroker?: boolean } = {}): Promise<TestBroker> {
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const topics = Object.fromEntries(specs.map((s) => [s.role, `${prefix}${s.role}`]));
  const env = process.env['KAFKA_BROKERS'];
  if (env && !opts.ownBroker) {
    const brokers = env
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
    const kafka = newKafka(brokers);
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: specs.map((s) => ({ topic: topics[s.role]!, numPartitions: s.partitions })),
      });
    } catch (err) {
      // A broker without the CreateTopics API (e.g. librdkafka's mock given as KAFKA_BROKERS) creates
      // topics on first use instead (the mock: 4 partitions); the tests do not depend on the count.
      if ((err as Error)?.name !== 'KafkaJSServerDoesNotSupportApiKey') throw err;
      await admin.fetchTopicMetadata({ topics: Object.values(topics) }).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
    const noop = (): void => {
      throw new Error('pause/resume needs the mock broker (ownBroker: true)');
    };
    return { brokers, topics, external: true, kafka, pause: noop, resume: noop, stop: async () => undefined };
  }
  const script = join(sharedDir(), 'kafka', 'start-mock-broker.sh');
  const { stdout } = await run('bash', [script, '1', ...specs.map((s) => `${topics[s.role]}:${s.partitions}:1`)], { timeout: 120_000 });
  const boot = /^KAFKA_BROKERS=(.+)$/m.exec(stdout)?.[1];
  const pid = Number(/^KAFKA_MOCK_PID=(\d+)$/m.exec(stdout)?.[1]);
  if (!boot || !pid) throw new Error(`mock broker did not start: ${stdout}`);
  const brokers = boot.split(',');
  return {
    brokers,
    topics,
    external: false,
    kafka: newKafka(brokers),
    pause: () => {
      process.kill(pid, 'SIGSTOP');
    },
    resume: () => {
      process.kill(pid, 'SIGCONT');
    },
    stop: async () => {
      try {
        process.kill(pid, 'SIGCONT');
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}

export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
  readonly timestamp: string;
}

/** Reads a topic from the beginning to its current end (high watermarks taken first) without a group. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  opts: { atLeast?: number; timeoutMs?: number } = {},
): Promise<ConsumedMessage[]> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    const msgs = await readOnce(kafka, topic);
    if (msgs.length >= (opts.atLeast ?? 0) || Date.now() > deadline) return msgs;
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function readOnce(kafka: Kafka, topic: string): Promise<ConsumedMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const want = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
  const out: ConsumedMessage[] = [];
  if (want.size === 0) return out;
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(6).toString('hex')}`, sessionTimeout: 6000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            for (const m of batch.messages) {
              if (Number(m.offset) >= (want.get(batch.partition) ?? 0)) continue;
              const headers: Record<string, string> = {};
              for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = Array.isArray(v) ? String(v[0]) : String(v);
              out.push({
                topic,
                partition: batch.partition,
                offset: m.offset,
                key: m.key ? m.key.toString() : null,
                value: m.value,
                headers,
                timestamp: m.timestamp,
              });
            }
            const done = [...want].every(
              ([p, high]) => out.filter((o) => o.partition === p).length >= high - Number(ends.find((e) => e.partition === p)!.low),
            );
            if (done) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return out.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

import type { KafkaSettings } from '../../src/kafka/config.js';

export const TEST_KEY_SECRET = 'test-secret-0123456789abcdef';

/** Settings for one Sluis instance against the test broker (topics by role; 6 s session as the mock needs). */
export function testSettings(broker: TestBroker, over: Partial<KafkaSettings> = {}): KafkaSettings {
  const t = broker.topics;
  return {
    brokers: broker.brokers,
    clientId: 'sluis-test',
    groupId: `g-${t['ingress'] ?? 'none'}`,
    topics: {
      inbound: t['inbound'] ?? 'x.inbound',
      events: t['events'] ?? 'x.events',
      ingress: t['ingress'] ?? 'x.ingress',
      deadletter: t['deadletter'] ?? 'x.deadletter',
    },
    keySecret: TEST_KEY_SECRET,
    ingress: false,
    instanceId: `test-${process.pid}`,
    ssl: false,
    sessionTimeoutMs: 6000,
    ...over,
  };
}
