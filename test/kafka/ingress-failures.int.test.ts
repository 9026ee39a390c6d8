/**
 * Ingress when the pipeline throws: a message that keeps failing while the store is healthy is
 * dead-lettered as `failed` after 5 attempts (the partition moves on); while the store is down a
 * message is retried without limit and journaled once it is back — never dropped. The pipeline is
 * the real one; the wrapper only injects the failures that cannot be produced on demand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Producer } from 'kafkajs';
import { KafkaIngress, type IngressEvent, type IngressFn } from '../../src/kafka/ingress.js';
import { startTestBroker, readTopic, type TestBroker } from './broker.js';
import { openTestDb, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';
import { testPipeline } from './gateway.js';

async function until(what: string, fn: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('ingress when the pipeline throws (pglite)', () => {
  let broker: TestBroker;
  let store: TestDb;
  let producer: Producer;
  let ingress: KafkaIngress;
  let storeUp = true;
  const events: IngressEvent[] = [];
  beforeAll(async () => {
    broker = await startTestBroker([
      { role: 'ingress', partitions: 1 },
      { role: 'deadletter', partitions: 1 },
    ]);
    store = await openTestDb('pglite', 'fail');
    const real = testPipeline(store.db, 'pglite').ingress;
    let outageLeft = 3;
    const flaky: IngressFn = async (raw, at) => {
      const text = Buffer.from(raw).toString('utf8');
      if (text.includes('>POISON<')) throw new Error('pipeline bug on this bericht');
      if (text.includes('>OUTAGE<') && outageLeft > 0) {
        outageLeft--;
        storeUp = outageLeft > 0 ? false : true;
        throw new Error('connection refused');
      }
      return real(raw, at);
    };
    producer = broker.kafka.producer();
    await producer.connect();
    ingress = new KafkaIngress({
      kafka: broker.kafka,
      producer,
      topic: broker.topics['ingress']!,
      deadLetterTopic: broker.topics['deadletter']!,
      groupId: `g-${broker.topics['ingress']}`,
      ingest: flaky,
      sessionTimeoutMs: 6000,
      maxAttempts: 5,
      storeHealthy: async () => storeUp,
      onEvent: (e) => events.push(e),
    });
    await ingress.start();
  });
  afterAll(async () => {
    await ingress?.stop();
    await producer?.disconnect();
    await store?.drop();
    await broker?.stop();
  });

  it('dead-letters a poison message after 5 attempts, keeps an outage message until it is stored', async () => {
    await producer.send({
      topic: broker.topics['ingress']!,
      messages: [
        { key: 'a', value: bericht({ id: 'JW305', identificatie: 'POISON', bsn: testBsn(1) }) },
        { key: 'a', value: bericht({ id: 'JW305', identificatie: 'OUTAGE', bsn: testBsn(2) }) },
        { key: 'a', value: bericht({ id: 'JW305', identificatie: 'AFTER', bsn: testBsn(3) }) },
      ],
    });
    await until('two stored, one dead letter', () => ingress.counters.stored === 2 && ingress.counters.deadLettered === 1);
    const retries = events.filter((e): e is Extract<IngressEvent, { type: 'retry' }> => e.type === 'retry');
    expect(retries.filter((r) => r.offset === '0')).toHaveLength(5);
    expect(retries.filter((r) => r.offset === '1')).toHaveLength(3);
    const dead = await readTopic(broker.kafka, broker.topics['deadletter']!, { atLeast: 1 });
    expect(dead).toHaveLength(1);
    expect(dead[0]!.headers).toMatchObject({ 'sluis-reason': 'failed', 'sluis-origin-offset': '0' });
    expect(dead[0]!.headers['sluis-reason-detail']).toContain('pipeline bug on this bericht');
    const { rows } = await store.db.query<{ identificatie: string }>('SELECT identificatie FROM journal ORDER BY received_at, id');
    expect(rows.map((r) => r.identificatie).sort()).toEqual(['AFTER', 'OUTAGE']);
  });
});
