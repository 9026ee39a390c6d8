/**
 * Broker down: the gateway keeps journaling while Kafka is unreachable (SIGSTOP on the broker: its
 * sockets hang like a dead host), readiness fails, the Kafka outbox backlog grows; when the broker is
 * back, every bericht reaches the inbound topic exactly once. Needs a broker it can stop, so it always
 * starts its own mock (a shared cluster from KAFKA_BROKERS cannot be stopped from a test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, type KafkaRuntime } from '../../src/app/kafka.js';
import { outboxBacklogAge as outboxBacklog } from '../../src/store/outbox/backlog-age.js';
import type { IngressFn } from '../../src/kafka/ingress.js';
import { startTestBroker, readTopic, testSettings, type TestBroker } from './broker.js';
import { openTestDb, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';
import { testPipeline } from './gateway.js';

async function until(what: string, fn: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('broker down: accept, back up, catch up once (postgres)', () => {
  let broker: TestBroker;
  let store: TestDb;
  let rt: KafkaRuntime;
  let post: IngressFn;
  beforeAll(async () => {
    broker = await startTestBroker(
      [
        { role: 'inbound', partitions: 3 },
        { role: 'events', partitions: 3 },
      ],
      { ownBroker: true },
    );
    store = await openTestDb('postgres', 'down');
    post = testPipeline(store.db, 'postgres').ingress;
    rt = await startKafka({ db: store.db, settings: testSettings(broker), publisher: { leaseMs: 3000 }, probeMs: 500 });
  });
  afterAll(async () => {
    broker?.resume();
    await rt?.stop();
    await store?.drop();
    await broker?.stop();
  });

  const pending = async (): Promise<number> => (await outboxBacklog(store.db)).find((b) => b.channel === 'kafka')?.pending ?? 0;

  it('keeps accepting while Kafka is down and delivers all 500 once afterwards', async () => {
    for (let i = 0; i < 10; i++)
      expect((await post(Buffer.from(bericht({ id: 'JW305', identificatie: `UP${i}`, bsn: testBsn(i) })), new Date())).kind).toBe('stored');
    await until('first 10 published', async () => (await pending()) === 0, 30_000);
    await until('the readiness probe sees the broker', async () => rt.reachable(), 15_000);
    expect(await rt.ready()).toBe(true);

    expect(rt.reachable()).toBe(true);
    broker.pause();
    await until('readiness to fail', async () => !(await rt.ready(1500)), 15_000);
    await until('the readiness probe sees the broker gone', async () => !rt.reachable(), 15_000);
    const outcomes = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        post(Buffer.from(bericht({ id: ['JW305', 'JW307'][i % 2]!, identificatie: `DOWN${i}`, bsn: testBsn(20 + (i % 90)) })), new Date()),
      ),
    );
    expect(outcomes.every((o) => o.kind === 'stored')).toBe(true);
    // The publisher keeps trying meanwhile; nothing is lost, the backlog is visible.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await pending()).toBeGreaterThanOrEqual(500);
    const gauges = Object.fromEntries(await Promise.all(rt.gauges().map(async (g) => [g.name, await g.collect()] as const)));
    expect(gauges['sluis_kafka_up']).toEqual([{ labels: {}, value: 0 }]);
    expect(gauges['sluis_kafka_outbox_backlog']!.find((s) => s.labels['state'] === 'pending')!.value).toBeGreaterThanOrEqual(500);

    broker.resume();
    await until('the backlog drained', async () => (await pending()) === 0, 90_000);
    expect(await rt.ready()).toBe(true);
    await until('the readiness probe sees the broker back', async () => rt.reachable(), 15_000);
    const inbound = await readTopic(broker.kafka, broker.topics['inbound']!, { atLeast: 510, timeoutMs: 30_000 });
    const ids = inbound.map((m) => m.headers['sluis-id']);
    expect(new Set(ids).size).toBe(510);
    expect(ids).toHaveLength(510); // once each: no duplicates from the retries
  }, 240_000);
});

describe('broker unreachable at start (pglite)', () => {
  it('the runtime starts anyway, says not ready, and stops cleanly', async () => {
    const store = await openTestDb('pglite', 'nobroker');
    try {
      const fake = {
        brokers: ['127.0.0.1:9'],
        topics: { inbound: 'i', events: 'e', ingress: 'g', deadletter: 'd' },
      } as unknown as TestBroker;
      const t0 = performance.now();
      const rt = await startKafka({
        db: store.db,
        settings: testSettings(fake, { ingress: true }),
        ingest: testPipeline(store.db, 'pglite').ingress,
        publisher: { leaseMs: 3000 },
        probeMs: 200,
      });
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(await rt.ready(500)).toBe(false);
      expect(rt.reachable()).toBe(false);
      // The store keeps taking berichten; they wait in the outbox for Kafka.
      const { ingress } = testPipeline(store.db, 'pglite');
      expect((await ingress(Buffer.from(bericht({ id: 'JW305', identificatie: 'NB1', bsn: testBsn(7) })), new Date())).kind).toBe('stored');
      const pendingRows = (await outboxBacklog(store.db)).find((b) => b.channel === 'kafka')?.pending;
      expect(pendingRows).toBe(3); // inbound log + decision event + postbus delivery event
      await rt.stop();
    } finally {
      await store.drop();
    }
  }, 60_000);
});

describe('SIGTERM with the broker down: stop() is bounded (postgres)', () => {
  let broker: TestBroker;
  let store: TestDb;
  beforeAll(async () => {
    broker = await startTestBroker(
      [
        { role: 'inbound', partitions: 1 },
        { role: 'events', partitions: 1 },
        { role: 'ingress', partitions: 1 },
        { role: 'deadletter', partitions: 1 },
      ],
      { ownBroker: true },
    );
    store = await openTestDb('postgres', 'stopdown');
  });
  afterAll(async () => {
    broker?.resume();
    await store?.drop();
    await broker?.stop();
  });

  it('with ingress running and the broker hanging, stop() returns within its bound and logs what it left', async () => {
    const logs: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
    const rt = await startKafka({
      db: store.db,
      settings: testSettings(broker, { ingress: true }),
      ingest: testPipeline(store.db, 'postgres').ingress,
      publisher: { leaseMs: 3000 },
      probeMs: 500,
      stopTimeoutMs: 3000,
      log: (level, message, extra) => logs.push({ level, message, ...(extra ? { extra } : {}) }),
    });
    await rt.started();
    await until('the readiness probe sees the broker', async () => rt.reachable(), 15_000);
    broker.pause();
    await until('the readiness probe sees the broker gone', async () => !rt.reachable(), 15_000);
    const t0 = Date.now();
    await rt.stop();
    const took = Date.now() - t0;
    // Unbounded, kafkajs waits for its leave-group and disconnect requests on sockets that never answer.
    expect(took).toBeLessThan(3000 + 1500);
    const warned = logs.find((l) => l.message.startsWith('kafka did not stop in time'));
    expect(warned?.extra?.['unfinished']).toEqual(expect.arrayContaining([expect.any(String)]));
  }, 60_000);
});
