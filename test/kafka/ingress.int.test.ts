/**
 * Kafka ingress: raw XML from the ingress topic through the real pipeline; refused messages to the
 * dead-letter topic with the reason; offsets committed only after journaling/dead-lettering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Producer } from 'kafkajs';
import { startKafka, groupLag, type KafkaRuntime } from '../../src/app/kafka.js';
import { startTestBroker, readTopic, testSettings, type TestBroker } from './broker.js';
import { openTestDb, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';
import { testPipeline } from './gateway.js';

async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Kafka ingress through the pipeline (postgres)', () => {
  let broker: TestBroker;
  let store: TestDb;
  let rt: KafkaRuntime;
  let producer: Producer;
  beforeAll(async () => {
    broker = await startTestBroker([
      { role: 'ingress', partitions: 3 },
      { role: 'deadletter', partitions: 1 },
      { role: 'inbound', partitions: 3 },
      { role: 'events', partitions: 3 },
    ]);
    store = await openTestDb('postgres', 'ingress');
    const { ingress } = testPipeline(store.db, 'postgres');
    rt = await startKafka({
      db: store.db,
      settings: testSettings(broker, { ingress: true }),
      ingest: ingress,
      publisher: { leaseMs: 3000 },
      ...(process.env['DEBUG_KAFKA']
        ? { onIngressEvent: (e) => console.log(JSON.stringify(e)), log: (l, m, x) => console.log(l, m, JSON.stringify(x)) }
        : {}),
    });
    producer = broker.kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await rt?.stop();
    await store?.drop();
    await broker?.stop();
  });

  it('journals good berichten, dead-letters bad ones with the reason, never blocks, commits everything', async () => {
    const good = Array.from({ length: 30 }, (_, i) =>
      bericht({ id: ['JW301', 'JW305', 'JW307'][i % 3]!, identificatie: `KI${i}`, bsn: testBsn(100 + (i % 7)) }),
    );
    const l1Invalid = good[0]!.replace(/<jw301:Geslacht>[0-9]<\/jw301:Geslacht>/, '').replace('KI0', 'BAD1');
    const messages = [
      ...good.slice(0, 10).map((x) => ({ key: 'k1', value: x })),
      { key: 'k1', value: 'this is not xml' },
      { key: 'k1', value: l1Invalid },
      { key: 'k1', value: '' },
      ...good.slice(10).map((x, i) => ({ key: `k${i % 4}`, value: x })),
      { key: 'k2', value: good[3]! }, // byte-identical twin: first outcome, nothing written again
    ];
    await producer.send({ topic: broker.topics['ingress']!, messages });
    await until('30 journal rows and 3 dead letters', async () => {
      const { rows } = await store.db.query<{ n: string }>('SELECT count(*) AS n FROM journal');
      return Number(rows[0]!.n) >= 30 && (rt.ingress?.counters.deadLettered ?? 0) >= 3 && (rt.ingress?.counters.replayed ?? 0) >= 1;
    });
    const { rows } = await store.db.query<{ identificatie: string; status: string; decision: { action: string } }>(
      'SELECT identificatie, status, decision FROM journal',
    );
    expect(rows.map((r) => r.identificatie).sort()).toEqual(good.map((_, i) => `KI${i}`).sort());
    expect(rows.every((r) => r.decision.action === 'route')).toBe(true);
    const postbus = await store.db.query<{ n: string }>('SELECT count(*) AS n FROM postbus');
    expect(Number(postbus.rows[0]!.n)).toBe(30);

    const dead = await readTopic(broker.kafka, broker.topics['deadletter']!, { atLeast: 3 });
    expect(dead).toHaveLength(3);
    const byValue = new Map(dead.map((d) => [d.value?.toString('utf8') ?? '', d]));
    expect(byValue.get('this is not xml')!.headers['sluis-reason']).toBe('refused');
    expect(byValue.get('')!.headers['sluis-reason']).toBe('empty');
    const l1 = byValue.get(l1Invalid)!;
    expect(l1.headers['sluis-reason']).toBe('refused');
    expect(l1.headers['sluis-reason-detail']).toMatch(/^l1-invalid: /);
    expect(l1.headers['sluis-origin-topic']).toBe(broker.topics['ingress']);
    for (const d of dead) expect(JSON.stringify(d.headers)).not.toMatch(/9999\d{5}/);

    // Everything is committed (lag 0) once processed, and every journaled bericht reaches the inbound log.
    await until('lag 0', async () => (await groupLag(broker.kafka, testSettings(broker).groupId, broker.topics['ingress']!)) === 0);
    const inbound = await readTopic(broker.kafka, broker.topics['inbound']!, { atLeast: 30 });
    expect(inbound).toHaveLength(30);
    const gauges = Object.fromEntries(await Promise.all(rt.gauges().map(async (g) => [g.name, await g.collect()] as const)));
    expect(gauges['sluis_kafka_up']).toEqual([{ labels: {}, value: 1 }]);
    expect(gauges['sluis_kafka_consumer_lag']!.every((s) => s.value === 0)).toBe(true);
    expect(gauges['sluis_kafka_consumer_lag']!.length).toBeGreaterThanOrEqual(1); // one per partition
    expect(await rt.ready()).toBe(true);
  });
});
