/**
 * Kafka ingress: consumes raw XML berichten from the ingress topic and runs each through the same
 * pipeline as HTTP. A message the pipeline refuses (L1 failure, not XML, wrong sender, …) goes to the
 * dead-letter topic with the reason in headers, so the partition never blocks; an offset is resolved
 * only after its message is journaled or dead-lettered, so nothing is lost. Redelivery after a crash
 * or rebalance is harmless: the pipeline answers a byte-identical bericht with its first outcome (TR056
 * idempotency) and writes nothing again.
 *
 * Throughput: messages of one partition are taken in chunks (default 200); within a chunk, messages
 * with different keys are ingested concurrently (the gateway's group commit turns that into few
 * transactions), messages with the same key one after the other (order per client is kept).
 */
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { DeadLetterReason, KafkaHeader, type DeadLetterReasonCode } from './headers.js';
import { maskDigits } from './events.js';
import { errorText } from './client.js';

/** What the ingress needs to know of one pipeline run. */
export type IngressOutcome =
  | { readonly kind: 'stored'; readonly id: string; readonly replay: boolean }
  | { readonly kind: 'refused'; readonly reason: string; readonly detail: string };

/** The pipeline as the ingress sees it (see `pipelineIngress` for the adapter over src/pipeline). */
export type IngressFn = (raw: Uint8Array, receivedAt: Date) => Promise<IngressOutcome>;

export interface IngressOptions {
  readonly kafka: Kafka;
  /** Sends dead letters (the publisher's idempotent producer is fine). */
  readonly producer: Producer;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly groupId: string;
  readonly ingest: IngressFn;
  /** True when the store answers (to tell "this message breaks the pipeline" from "the database is down"). */
  readonly storeHealthy: () => Promise<boolean>;
  readonly sessionTimeoutMs?: number;
  /** Messages per chunk; default 200. */
  readonly chunk?: number;
  /** Partitions processed at once by this instance; default 3. */
  readonly partitionsConcurrently?: number;
  /** Attempts for a message whose ingest throws while the store is healthy, before it is dead-lettered; default 5. */
  readonly maxAttempts?: number;
  readonly onEvent?: (ev: IngressEvent) => void;
}

export type IngressEvent =
  | { readonly type: 'stored'; readonly id: string; readonly replay: boolean; readonly partition: number; readonly offset: string }
  | {
      readonly type: 'dead-letter';
      readonly reason: DeadLetterReasonCode;
      readonly detail: string;
      readonly partition: number;
      readonly offset: string;
    }
  | { readonly type: 'retry'; readonly error: string; readonly partition: number; readonly offset: string; readonly attempt: number }
  /** Consumer group life: joined (with its partitions), rebalancing, crashed (kafkajs restarts it), stopped. */
  | { readonly type: 'group'; readonly what: 'joined' | 'rebalancing' | 'crashed' | 'stopped'; readonly detail: string };

export interface IngressCounters {
  stored: number;
  replayed: number;
  deadLettered: number;
  retries: number;
}

export class KafkaIngress {
  private consumer: Consumer | undefined;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private restarts = 0;
  readonly counters: IngressCounters = { stored: 0, replayed: 0, deadLettered: 0, retries: 0 };

  constructor(private readonly opts: IngressOptions) {}

  async start(): Promise<void> {
    const o = this.opts;
    this.stopping = false;
    const consumer = o.kafka.consumer({
      groupId: o.groupId,
      sessionTimeout: o.sessionTimeoutMs ?? 30_000,
      // Rebalance waits for every member; 3 s heartbeats keep well inside a 6 s session (tests).
      heartbeatInterval: Math.min(3000, Math.floor((o.sessionTimeoutMs ?? 30_000) / 3)),
    });
    this.consumer = consumer;
    const ev = (what: 'joined' | 'rebalancing' | 'crashed' | 'stopped', detail: string): void =>
      o.onEvent?.({ type: 'group', what, detail });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.restarts = 0;
      ev('joined', JSON.stringify(e.payload.memberAssignment));
    });
    consumer.on(consumer.events.REBALANCING, () => ev('rebalancing', ''));
    consumer.on(consumer.events.CRASH, (e) => {
      ev('crashed', `${e.payload.error.message} (kafkajs restarts it: ${String(e.payload.restart)})`);
      // kafkajs gives up on a non-retriable error (seen with the test broker: a SyncGroup answered
      // INVALID_REQUEST when two members join at once) and the instance would silently stop
      // consuming. Start a fresh consumer instead; offsets were committed only for finished work.
      if (!e.payload.restart && !this.stopping) this.scheduleRestart();
    });
    consumer.on(consumer.events.STOP, () => ev('stopped', ''));
    await consumer.connect();
    await consumer.subscribe({ topic: o.topic, fromBeginning: true });
    const chunk = o.chunk ?? 200;
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: o.partitionsConcurrently ?? 3,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        for (let i = 0; i < batch.messages.length; i += chunk) {
          if (!isRunning() || isStale()) return;
          const part = batch.messages.slice(i, i + chunk);
          await this.processChunk(part, batch.partition, heartbeat, isRunning);
          // Only now: every message of the chunk is journaled or dead-lettered.
          resolveOffset(part[part.length - 1]!.offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
        }
      },
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /** Replaces a consumer kafkajs gave up on, after 1 s … 30 s (doubling per consecutive restart). */
  private scheduleRestart(): void {
    clearTimeout(this.restartTimer);
    const wait = Math.min(30_000, 1000 * 2 ** Math.min(this.restarts, 5));
    this.restarts++;
    this.restartTimer = setTimeout(() => {
      void (async () => {
        const old = this.consumer;
        this.consumer = undefined;
        await old?.disconnect().catch(() => undefined);
        if (this.stopping) return;
        try {
          await this.start();
        } catch (err) {
          this.opts.onEvent?.({ type: 'group', what: 'crashed', detail: `restart failed: ${errorText(err)}` });
          if (!this.stopping) this.scheduleRestart();
        }
      })();
    }, wait);
  }

  private async processChunk(
    messages: readonly KafkaMessage[],
    partition: number,
    heartbeat: () => Promise<void>,
    isRunning: () => boolean,
  ): Promise<void> {
    const byKey = new Map<string, KafkaMessage[]>();
    for (const m of messages) {
      const k = m.key ? m.key.toString('hex') : `offset:${m.offset}`;
      const list = byKey.get(k);
      if (list) list.push(m);
      else byKey.set(k, [m]);
    }
    await Promise.all(
      [...byKey.values()].map(async (list) => {
        for (const m of list) await this.processOne(m, partition, heartbeat, isRunning);
      }),
    );
  }

  private async processOne(m: KafkaMessage, partition: number, heartbeat: () => Promise<void>, isRunning: () => boolean): Promise<void> {
    const o = this.opts;
    if (!m.value || m.value.length === 0) {
      await this.deadLetter(m, partition, DeadLetterReason.empty, 'the message has no value');
      return;
    }
    const ts = Number(m.timestamp);
    const receivedAt = Number.isFinite(ts) && ts > 0 ? new Date(ts) : new Date();
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        const r = await o.ingest(new Uint8Array(m.value.buffer, m.value.byteOffset, m.value.byteLength), receivedAt);
        if (r.kind === 'stored') {
          if (r.replay) this.counters.replayed++;
          else this.counters.stored++;
          o.onEvent?.({ type: 'stored', id: r.id, replay: r.replay, partition, offset: m.offset });
        } else {
          await this.deadLetter(m, partition, DeadLetterReason.refused, `${r.reason}: ${r.detail}`);
        }
        return;
      } catch (err) {
        // Stopping: leave the offset unresolved (the next owner of the partition takes it again).
        if (!isRunning()) throw err;
        const text = errorText(err);
        this.counters.retries++;
        o.onEvent?.({ type: 'retry', error: text, partition, offset: m.offset, attempt });
        const healthy = await o.storeHealthy().catch(() => false);
        // The store is down: not this message's fault — wait and retry without counting, never drop it.
        if (!healthy) attempt = 0;
        else if (attempt >= (o.maxAttempts ?? 5)) {
          await this.deadLetter(m, partition, DeadLetterReason.failed, text);
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** Math.min(attempt, 6))));
        await heartbeat().catch(() => undefined);
      }
    }
  }

  private async deadLetter(m: KafkaMessage, partition: number, reason: DeadLetterReasonCode, detail: string): Promise<void> {
    const o = this.opts;
    const safe = maskDigits(detail).slice(0, 2000);
    await o.producer.send({
      topic: o.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: m.key,
          value: m.value,
          headers: {
            ...(m.headers ?? {}),
            [KafkaHeader.reason]: reason,
            [KafkaHeader.reasonDetail]: safe,
            [KafkaHeader.originTopic]: o.topic,
            [KafkaHeader.originPartition]: String(partition),
            [KafkaHeader.originOffset]: m.offset,
          },
        },
      ],
    });
    this.counters.deadLettered++;
    o.onEvent?.({ type: 'dead-letter', reason, detail: safe, partition, offset: m.offset });
  }
}
