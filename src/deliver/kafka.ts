/**
 * The Kafka channel. Its plan is empty: Kafka rows are not planned per route but enqueued by the
 * triggers of the Kafka migrations (0102 ff.) on the journal, postbus and outbox changes themselves,
 * in the same transaction, while the shared switch (kafka_settings) is on. What this channel owns is
 * the drain, started by the Kafka runtime (src/app/kafka.ts), which holds the broker connection
 * it shares with the ingress consumer.
 *
 * Drains the outbox rows of channel 'kafka' (written by the triggers of migration 0102 in the same
 * transaction as the journal/postbus change) to Kafka: the inbound log (raw XML, keyed per client of one
 * gemeente) and the decision/delivery events. No dual write: a bericht reaches Kafka only after it is
 * committed in the journal, and a row is marked done only after the broker acknowledged it (acks=all).
 *
 * One publisher at a time (a lease row with a TTL, renewed every round) reads the rows in id order, so
 * two berichten of one client reach their partition in journal order; when the holder dies another
 * instance takes over after the TTL. Delivery is at-least-once: a holder killed between the broker's
 * ack and the "done" update republishes that batch (consumers de-duplicate on the sluis-id header /
 * event id). While the broker is down rows simply stay; the backlog is a metric.
 */
import type { Message, Producer, TopicMessages } from 'kafkajs';
import type { Db } from '../store/db.js';
import { findHeenRaw } from '../store/journal/heen-raw.js';
import { takeKafkaLease } from '../store/kafka-lease/take.js';
import { releaseKafkaLease } from '../store/kafka-lease/release.js';
import { completeKafkaOutbox } from '../store/kafka-outbox/complete.js';
import { giveUpKafkaOutbox } from '../store/kafka-outbox/give-up.js';
import { listKafkaOutbox } from '../store/kafka-outbox/list.js';
import { noteKafkaOutboxError } from '../store/kafka-outbox/note-error.js';
import type { KafkaOutboxRow } from '../store/kafka-outbox/types.js';
import { HEEN_VAN_RETOUR } from '../standard/catalog.js';
import { errorText } from '../kafka/client.js';
import type { KafkaTopics } from '../kafka/config.js';
import { KafkaHeader } from '../kafka/headers.js';
import { berichtKey } from '../kafka/key.js';
import { EVENT_SCHEMA_VERSION, berichtNumber, eventFromPayload } from '../kafka/events.js';
import { ChannelName, type DeliveryChannel } from './channel.js';

export interface PublisherOptions {
  readonly db: Db;
  readonly producer: Producer;
  readonly topics: Pick<KafkaTopics, 'inbound' | 'events'>;
  readonly keySecret: string;
  readonly instanceId: string;
  /** Rows per round; default 500 (one sendBatch: ~10 ms on the mock broker for small berichten). */
  readonly batchSize?: number;
  /** Stop adding rows to a round past this many value bytes; default 4 MiB (below the mock's 5 MiB per partition and a real broker's request limits). */
  readonly maxBatchBytes?: number;
  /** Lease TTL; default 10 s: a dead holder's rows wait at most this long. */
  readonly leaseMs?: number;
  /** Pause when there was nothing to do; default 100 ms. */
  readonly idleMs?: number;
  readonly onError?: (err: unknown) => void;
  /** Called before a leased round sends (connects the producer lazily; rejects while the broker is down). */
  readonly ensureConnected?: () => Promise<void>;
}

export interface PublishRound {
  /** False when another instance holds the lease. */
  readonly leased: boolean;
  readonly published: number;
  /** Rows given up (the broker refused them for good, e.g. larger than its message.max.bytes). */
  readonly failed: number;
  /** True when the round hit the batch limit (more is waiting). */
  readonly more: boolean;
}

type Row = KafkaOutboxRow;

const LEASE = 'kafka-outbox';
/** Retour → its heenbericht: a fully approved retour has no Client, so it takes the heenbericht's key. */
const HEEN_OF_RETOUR: Readonly<Partial<Record<string, string>>> = HEEN_VAN_RETOUR;

export class KafkaOutboxPublisher {
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private readonly leaseMs: number;
  private readonly idleMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Health: time of the last successful send, last error text. */
  lastSuccessAt: Date | undefined;
  lastError: string | undefined;

  constructor(private readonly opts: PublisherOptions) {
    this.batchSize = opts.batchSize ?? 500;
    this.maxBatchBytes = opts.maxBatchBytes ?? 4 * 1024 * 1024;
    this.leaseMs = opts.leaseMs ?? 10_000;
    this.idleMs = opts.idleMs ?? 100;
  }

  /** Takes or renews the lease; the epoch when held. */
  private async lease(): Promise<number | undefined> {
    return takeKafkaLease(this.opts.db, LEASE, this.opts.instanceId, this.leaseMs);
  }

  /** Gives the lease up (clean shutdown), so another instance need not wait for the TTL. */
  async release(): Promise<void> {
    await releaseKafkaLease(this.opts.db, LEASE, this.opts.instanceId);
  }

  /** One round: lease, read pending rows in order, send, mark done. */
  async publishOnce(): Promise<PublishRound> {
    const epoch = await this.lease();
    if (epoch === undefined) return { leased: false, published: 0, failed: 0, more: false };
    const rows = await listKafkaOutbox(this.opts.db, this.batchSize);
    if (rows.length === 0) return { leased: true, published: 0, failed: 0, more: false };
    await this.opts.ensureConnected?.();
    let bytes = 0;
    let take = 0;
    for (const r of rows) {
      bytes += r.raw?.byteLength ?? 512;
      take++;
      if (bytes >= this.maxBatchBytes) break;
    }
    const batch = rows.slice(0, take);
    const messages = await Promise.all(batch.map((r) => this.toMessage(r)));
    let failed = 0;
    const done: string[] = [];
    try {
      await this.opts.producer.sendBatch({ acks: -1, topicMessages: groupByTopic(messages) });
      done.push(...batch.map((r) => r.id));
    } catch (err) {
      if (!isPermanent(err)) {
        await this.noteError(
          batch.map((r) => r.id),
          err,
        );
        throw err;
      }
      // One row is refused for good (e.g. larger than the broker's message.max.bytes): find it by
      // sending one by one, give it up with the reason, keep the others flowing.
      for (let i = 0; i < batch.length; i++) {
        const m = messages[i]!;
        try {
          await this.opts.producer.send({ acks: -1, topic: m.topic, messages: [m.message] });
          done.push(batch[i]!.id);
        } catch (e) {
          if (!isPermanent(e)) {
            await this.noteError([batch[i]!.id], e);
            break;
          }
          await giveUpKafkaOutbox(this.opts.db, batch[i]!.id, errorText(e));
          failed++;
        }
      }
    }
    if (done.length > 0) {
      await completeKafkaOutbox(this.opts.db, done, { holder: this.opts.instanceId, lease: LEASE, epoch });
      this.lastSuccessAt = new Date();
      this.lastError = undefined;
    }
    return { leased: true, published: done.length, failed, more: rows.length === this.batchSize || take < rows.length };
  }

  private async noteError(ids: string[], err: unknown): Promise<void> {
    this.lastError = errorText(err);
    await noteKafkaOutboxError(this.opts.db, ids.slice(0, 1), this.lastError).catch(() => undefined);
  }

  private async toMessage(r: Row): Promise<{ topic: string; message: Message }> {
    if (r.destination === 'inbound') {
      const xml = Buffer.from(r.raw ?? new Uint8Array()).toString('utf8');
      let fallback: string | undefined;
      const heen = HEEN_OF_RETOUR[berichtNumber(r.bericht)];
      if (heen !== undefined && !/<(?:[\w.-]+:)?Bsn>/.test(xml)) fallback = await this.heenXml(r, heen);
      return {
        topic: this.opts.topics.inbound,
        message: {
          key: berichtKey(this.opts.keySecret, xml, r.afzender, r.ontvanger, fallback),
          value: Buffer.from(r.raw ?? new Uint8Array()),
          // The journal's receive time, so a replay selects the same period from the topic as from the journal.
          timestamp: String(new Date(r.received_at).getTime()),
          headers: {
            [KafkaHeader.standard]: r.standard,
            [KafkaHeader.bericht]: berichtNumber(r.bericht),
            [KafkaHeader.berichtCode]: r.bericht_code,
            [KafkaHeader.sender]: r.afzender,
            [KafkaHeader.addressee]: r.ontvanger,
            [KafkaHeader.sluisId]: r.bericht_id,
            [KafkaHeader.status]: r.status,
            [KafkaHeader.schemaVersion]: String(EVENT_SCHEMA_VERSION),
          },
        },
      };
    }
    const ev = eventFromPayload(r.payload, {
      berichtId: r.bericht_id,
      standard: r.standard,
      bericht: r.bericht,
      berichtCode: r.bericht_code,
      sender: r.afzender,
      ontvanger: r.ontvanger,
      status: r.status,
    });
    return {
      topic: this.opts.topics.events,
      message: {
        // Per bericht: its decision and delivery events stay in order.
        key: r.bericht_id,
        value: JSON.stringify(ev ?? r.payload),
        headers: {
          [KafkaHeader.eventType]: ev?.type ?? String(r.payload['kind']),
          [KafkaHeader.schemaVersion]: String(EVENT_SCHEMA_VERSION),
          [KafkaHeader.sluisId]: r.bericht_id,
        },
      },
    };
  }

  /** The heenbericht's XML a retour answers (same Afzender and Identificatie, the retour's number − 1). */
  private async heenXml(r: Row, heen: string): Promise<string | undefined> {
    const raw = await findHeenRaw(this.opts.db, {
      afzender: r.afzender,
      identificatie: r.identificatie,
      berichten: [heen, r.bericht.replace(/3[0-9]{2}$/, heen)],
      notId: r.bericht_id,
    });
    return raw ? Buffer.from(raw).toString('utf8') : undefined;
  }

  /** Runs rounds until stop(): immediately again while there is more, else after idleMs; backs off on errors up to 5 s. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      let backoff = 0;
      while (this.running) {
        let pause = this.idleMs;
        try {
          const r = await this.publishOnce();
          backoff = 0;
          if (r.more) pause = 0;
          else if (!r.leased) pause = Math.max(this.idleMs, 250);
        } catch (err) {
          this.lastError = errorText(err);
          this.opts.onError?.(err);
          backoff = Math.min(5000, backoff === 0 ? 200 : backoff * 2);
          pause = backoff;
        }
        if (pause > 0 && this.running) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, pause);
            this.wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
          this.wake = undefined;
        }
      }
    })();
  }

  /** Nudges an idle loop (e.g. right after a commit) instead of waiting for idleMs. */
  poke(): void {
    this.wake?.();
  }

  async stop(opts: { release?: boolean } = {}): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    if (opts.release !== false) await this.release().catch(() => undefined);
  }
}

function groupByTopic(items: readonly { topic: string; message: Message }[]): TopicMessages[] {
  const by = new Map<string, Message[]>();
  for (const { topic, message } of items) {
    const list = by.get(topic);
    if (list) list.push(message);
    else by.set(topic, [message]);
  }
  return [...by].map(([topic, messages]) => ({ topic, messages }));
}

/** kafkajs marks errors that retrying cannot fix (`retriable: false`), e.g. MESSAGE_TOO_LARGE. */
function isPermanent(err: unknown): boolean {
  const e = err as { retriable?: unknown; type?: unknown; cause?: unknown; name?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.type === 'MESSAGE_TOO_LARGE' || e.type === 'RECORD_LIST_TOO_LARGE' || e.type === 'INVALID_RECORD') return true;
  if (e.cause) return isPermanent(e.cause);
  return false;
}

/**
 * The Kafka channel in the registry: no rows per route (the triggers enqueue them), and the drain
 * (`KafkaOutboxPublisher`) started where the broker connection is, with `startDrain`.
 */
export function kafkaChannel(): DeliveryChannel & { startDrain(o: PublisherOptions): KafkaOutboxPublisher } {
  return {
    name: ChannelName.kafka,
    plan: () => NONE,
    startDrain(o) {
      const p = new KafkaOutboxPublisher(o);
      p.start();
      return p;
    },
  };
}

const NONE = { postbus: [], outbox: [] } as const;
