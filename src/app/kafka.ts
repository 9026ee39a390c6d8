/**
 * Starts the Kafka side of one Sluis instance: switches the outbox triggers on, runs the outbox
 * publisher, optionally the ingress consumer, and answers readiness and metrics. The gateway's
 * composition root calls `startKafka` when KAFKA_BROKERS is configured; nothing here is a singleton.
 *
 * Kafka being down never stops the gateway: HTTP keeps journaling, outbox rows wait, the publisher
 * reconnects with backoff, readiness says "not ready" so a load balancer can prefer healthy instances.
 */
import type { Admin, Kafka, Producer } from 'kafkajs';
import type { Db } from '../store/db.js';
import { createKafka, type KafkaLogSink } from '../kafka/client.js';
import type { KafkaSettings } from '../kafka/config.js';
import { KafkaIngress, type IngressEvent, type IngressFn } from '../kafka/ingress.js';
import { kafkaChannel, type KafkaOutboxPublisher } from '../deliver/kafka.js';
import { pingStore } from '../store/ping.js';
import { outboxBacklogAge } from '../store/outbox/backlog-age.js';
import { setKafkaEnabled } from '../store/kafka-settings/set-enabled.js';

/** The gauges the Kafka runtime adds to /metrics (named here so the Grafana dashboard test can see them without a broker). */
export const KAFKA_GAUGES = {
  /** 1 while a broker answers. */
  up: 'sluis_kafka_up',
  /** Outbox rows for the Kafka publisher by state, and the oldest pending row's age. */
  outboxBacklog: 'sluis_kafka_outbox_backlog',
  /** The ingress consumer group's lag per partition. */
  consumerLag: 'sluis_kafka_consumer_lag',
} as const;

export interface KafkaRuntimeDeps {
  readonly db: Db;
  readonly settings: KafkaSettings;
  /** The pipeline for the ingress consumer; required when settings.ingress is true. */
  readonly ingest?: IngressFn;
  readonly log?: KafkaLogSink;
  readonly onIngressEvent?: (ev: IngressEvent) => void;
  /** Publisher tuning (tests use a short lease). */
  readonly publisher?: { readonly batchSize?: number; readonly leaseMs?: number; readonly idleMs?: number };
  readonly ingressChunk?: number;
  /** Readiness probe interval; default 2000 ms. */
  readonly probeMs?: number;
  /**
   * How long `stop()` may take (default 10 s). With the broker unreachable, kafkajs's disconnects and
   * the consumer's leave-group wait on sockets that never answer; past the bound the gateway stops
   * anyway: the outbox rows stay pending and an uncommitted inbound offset is read again on the next
   * start (the journal's idempotency key makes that a duplicate, not a second bericht).
   */
  readonly stopTimeoutMs?: number;
  /** Injected for tests; default createKafka(settings, log). */
  readonly kafka?: Kafka;
}

export interface GaugeSample {
  readonly labels: Record<string, string>;
  readonly value: number;
}
/** Matches the gateway's `new CollectedGauge(name, help, collect)`. */
export interface GaugeDefinition {
  readonly name: string;
  readonly help: string;
  collect(): Promise<GaugeSample[]>;
}

export interface KafkaRuntime {
  readonly kafka: Kafka;
  readonly publisher: KafkaOutboxPublisher;
  readonly ingress: KafkaIngress | undefined;
  /** True when a broker answered a metadata request within `timeoutMs` (default 2 s). */
  ready(timeoutMs?: number): Promise<boolean>;
  /**
   * The last background probe's answer (every `probeMs`, default 2 s), for a synchronous readiness
   * check such as the gateway's `isReady()`: false until the first probe succeeds.
   */
  reachable(): boolean;
  /** Resolves once the ingress consumer runs (immediately without ingress). */
  started(): Promise<void>;
  /** Consumer lag of the ingress group and Kafka outbox backlog, for /metrics. */
  gauges(): GaugeDefinition[];
  stop(): Promise<void>;
}

export async function startKafka(deps: KafkaRuntimeDeps): Promise<KafkaRuntime> {
  const s = deps.settings;
  const kafka = deps.kafka ?? createKafka(s, deps.log);
  await setKafkaEnabled(deps.db, true);
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  let connected: Promise<void> | undefined;
  const ensureConnected = (): Promise<void> => {
    connected ??= producer.connect().catch((err: unknown) => {
      connected = undefined;
      throw err;
    });
    return connected;
  };
  producer.on(producer.events.DISCONNECT, () => {
    connected = undefined;
  });
  // The Kafka channel's drain (src/deliver/kafka.ts), on the producer the ingress shares.
  const publisher = kafkaChannel().startDrain({
    db: deps.db,
    producer,
    topics: s.topics,
    keySecret: s.keySecret,
    instanceId: s.instanceId,
    ensureConnected,
    ...deps.publisher,
    onError: (err) => deps.log?.('warn', 'kafka outbox publisher round failed', { error: String((err as Error)?.message ?? err) }),
  });

  let ingress: KafkaIngress | undefined;
  if (s.ingress) {
    if (!deps.ingest) throw new Error('SLUIS_KAFKA_INGRESS is on but no pipeline was given to the Kafka runtime');
    ingress = new KafkaIngress({
      kafka,
      producer,
      topic: s.topics.ingress,
      deadLetterTopic: s.topics.deadletter,
      groupId: s.groupId,
      ingest: deps.ingest,
      sessionTimeoutMs: s.sessionTimeoutMs,
      ...(deps.ingressChunk ? { chunk: deps.ingressChunk } : {}),
      storeHealthy: async () => {
        await pingStore(deps.db);
        return true;
      },
      ...(deps.onIngressEvent ? { onEvent: deps.onIngressEvent } : {}),
    });
  }
  // The broker may be down at start: the gateway must come up anyway (HTTP keeps journaling), so the
  // consumer is started in the background and retried with backoff (1 s … 10 s) until it runs.
  let stopping = false;
  let retryTimer: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  const ingressStarted = ingress
    ? (async () => {
        for (let wait = 1000; !stopping; wait = Math.min(10_000, wait * 2)) {
          try {
            await ensureConnected();
            await ingress.start();
            return;
          } catch (err) {
            deps.log?.('warn', 'kafka ingress consumer could not start; retrying', {
              error: String((err as Error)?.message ?? err),
              retryMs: wait,
            });
            await ingress.stop().catch(() => undefined);
            if (stopping) return;
            // A stop wakes the backoff at once instead of keeping the process alive for up to 10 s.
            await new Promise<void>((wake) => (retryTimer = { timer: setTimeout(wake, wait), wake }));
            retryTimer = undefined;
          }
        }
      })()
    : Promise.resolve();

  let admin: Admin | undefined;
  const withAdmin = async <T>(fn: (a: Admin) => Promise<T>, timeoutMs: number): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`kafka: no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([
        (async () => {
          if (!admin) {
            const a = kafka.admin();
            await a.connect();
            admin = a;
          }
          return fn(admin);
        })(),
        timeout,
      ]);
    } catch (err) {
      const a = admin;
      admin = undefined;
      await a?.disconnect().catch(() => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };

  const ready = async (timeoutMs = 2000): Promise<boolean> => {
    try {
      await withAdmin((a) => a.fetchTopicMetadata({ topics: [s.topics.inbound] }), timeoutMs);
      return true;
    } catch {
      return false;
    }
  };

  let reachable = false;
  const probe = async (): Promise<void> => {
    reachable = await ready();
  };
  void probe();
  const prober = setInterval(() => {
    void probe();
  }, deps.probeMs ?? 2000);
  prober.unref();

  const gauges = (): GaugeDefinition[] => [
    {
      name: KAFKA_GAUGES.up,
      help: 'Whether a Kafka broker answered a metadata request within 2 s (1) or not (0)',
      collect: async () => [{ labels: {}, value: (await ready()) ? 1 : 0 }],
    },
    {
      name: KAFKA_GAUGES.outboxBacklog,
      help: 'Outbox rows waiting for the Kafka publisher (state pending) or given up (state failed), and the age in seconds of the oldest pending row (state oldest_seconds)',
      collect: async () => {
        const k = (await outboxBacklogAge(deps.db)).find((b) => b.channel === 'kafka');
        return [
          { labels: { state: 'pending' }, value: k?.pending ?? 0 },
          { labels: { state: 'failed' }, value: k?.failed ?? 0 },
          { labels: { state: 'oldest_seconds' }, value: Math.round(k?.oldestSeconds ?? 0) },
        ];
      },
    },
    {
      name: KAFKA_GAUGES.consumerLag,
      help: 'Ingress consumer group lag per partition (high watermark minus committed offset)',
      collect: async () => (s.ingress ? consumerLag(s.groupId, s.topics.ingress) : []),
    },
  ];

  const consumerLag = async (groupId: string, topic: string): Promise<GaugeSample[]> => {
    try {
      return await withAdmin(async (a) => {
        const [ends, committed] = await Promise.all([a.fetchTopicOffsets(topic), a.fetchOffsets({ groupId, topics: [topic] })]);
        const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
        return ends.map((e) => {
          const c = done.get(e.partition) ?? -1;
          const lag = Number(e.high) - (c >= 0 ? c : Number(e.low));
          return { labels: { topic, partition: String(e.partition) }, value: Math.max(0, lag) };
        });
      }, 2000);
    } catch {
      return [];
    }
  };

  return {
    kafka,
    publisher,
    ingress,
    ready,
    gauges,
    reachable: () => reachable,
    started: () => ingressStarted,
    async stop() {
      stopping = true;
      clearInterval(prober);
      if (retryTimer) {
        clearTimeout(retryTimer.timer);
        retryTimer.wake();
      }
      const left = await withinBound(deps.stopTimeoutMs ?? 10_000, [
        ['ingress consumer', () => ingress?.stop()],
        ['outbox publisher', () => publisher.stop()],
        ['admin client', () => admin?.disconnect()],
        ['producer', () => producer.disconnect()],
      ]);
      if (left.length > 0)
        deps.log?.(
          'warn',
          'kafka did not stop in time; stopping anyway (pending outbox rows and uncommitted offsets are taken up on the next start)',
          {
            unfinished: left,
          },
        );
    },
  };
}

/**
 * Run the steps in order within one time budget; a step that fails is done, one that is still running
 * when the budget is spent is left behind. Returns the names of the steps not finished.
 */
async function withinBound(budgetMs: number, steps: readonly (readonly [string, () => Promise<void> | undefined])[]): Promise<string[]> {
  const end = Date.now() + budgetMs;
  for (let i = 0; i < steps.length; i++) {
    const [, run] = steps[i]!;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), Math.max(0, end - Date.now()));
      timer.unref();
    });
    const done = Promise.resolve()
      .then(run)
      .then(
        () => 'done' as const,
        () => 'done' as const,
      );
    const result = await Promise.race([done, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') return steps.slice(i).map(([name]) => name);
  }
  return [];
}

/** Lag of any consumer group on a topic (also used by tests and the bench). */
export async function groupLag(kafka: Kafka, groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
    const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((sum, e) => {
      const c = done.get(e.partition) ?? -1;
      return sum + Math.max(0, Number(e.high) - (c >= 0 ? c : Number(e.low)));
    }, 0);
  } finally {
    await admin.disconnect();
  }
}
