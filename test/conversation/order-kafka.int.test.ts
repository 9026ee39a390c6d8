/**
 * Two instances on one PostgreSQL, one client's berichten at both at once: instance A takes starts
 * over HTTP while instance B takes starts of the same clients from the Kafka ingress topic. Per client
 * one toewijzing, then one start at each instance: posted one after the other the first passes and the
 * second carries TR326 — so exactly one of a client's two starts may pass, whichever instance and
 * ingress took it (docs/decisions/0024-conversation-order.md). Without the database arbitration both
 * passed for several clients here.
 */
import { randomBytes } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, TEST_KEY_SECRET, type TestBroker } from '../kafka/broker.js';
import { bericht, testBsn } from '../kafka/fixtures.js';
import { KEYS, dropSchema, post, startGateway, type Gateway } from '../gateway/harness.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const M = 40;
/** Between two HTTP starts: about the time the consumer takes per bericht here. */
const SPREAD_MS = 5;

async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('two instances on one PostgreSQL: HTTP at one, Kafka ingress at the other', () => {
  const schema = `gw_${randomBytes(6).toString('hex')}`;
  let broker: TestBroker;
  let producer: Producer;
  let a: Gateway;
  let b: Gateway;
  beforeAll(async () => {
    broker = await startTestBroker([
      { role: 'ingress', partitions: 3 },
      { role: 'deadletter', partitions: 1 },
      { role: 'inbound', partitions: 1 },
      { role: 'events', partitions: 1 },
    ]);
    const t = broker.topics;
    a = await startGateway('postgres', { clock: () => NOW, schema });
    b = await startGateway('postgres', {
      clock: () => NOW,
      schema,
      env: {
        KAFKA_BROKERS: broker.brokers.join(','),
        SLUIS_KAFKA_INGRESS: '1',
        SLUIS_KAFKA_KEY_SECRET: TEST_KEY_SECRET,
        SLUIS_KAFKA_GROUP_ID: `g-${t['ingress']!}`,
        SLUIS_KAFKA_TOPIC_INGRESS: t['ingress']!,
        SLUIS_KAFKA_TOPIC_DEADLETTER: t['deadletter']!,
        SLUIS_KAFKA_TOPIC_INBOUND: t['inbound']!,
        SLUIS_KAFKA_TOPIC_EVENTS: t['events']!,
        SLUIS_KAFKA_SESSION_TIMEOUT_MS: '6000',
      },
    });
    producer = broker.kafka.producer();
    await producer.connect();
  }, 120_000);
  afterAll(async () => {
    await producer?.disconnect();
    await a?.close();
    await b?.close();
    await dropSchema(schema);
    await broker?.stop();
  });

  it(`TR326: per client a start over Kafka at one instance and one over HTTP at the other, at once: exactly one passes`, async () => {
    const clients = Array.from({ length: M }, (_, i) => testBsn(8400 + i));
    for (const [i, bsn] of clients.entries())
      expect((await post(a, bericht({ id: 'JW301', identificatie: `KOT${i}`, bsn }), KEYS.gemeente0384)).status).toBe(202);
    // The consumer is running once a first bericht from Kafka is journaled.
    await producer.send({
      topic: broker.topics['ingress']!,
      messages: [{ key: 'warm', value: bericht({ id: 'JW301', identificatie: 'KOW1', bsn: testBsn(8499) }) }],
    });
    await until(
      'the ingress consumer',
      async () => (await a.db.query("SELECT 1 FROM journal WHERE identificatie = 'KOW1'")).rows.length === 1,
    );

    // The HTTP starts are spread over the time the consumer takes for its starts, so that for some
    // clients the two instances decide at the same moment.
    const sent = await producer.send({
      topic: broker.topics['ingress']!,
      messages: clients.map((bsn, i) => ({ key: `c${i % 3}`, value: bericht({ id: 'JW305', identificatie: `KOK${i}`, bsn }) })),
    });
    // Kafka's own latency first: the spread starts when the consumer journaled the first of them.
    await until(
      'the first start from Kafka',
      async () => (await a.db.query("SELECT 1 FROM journal WHERE identificatie LIKE 'KOK%'")).rows.length > 0,
    );
    const http = await Promise.all(
      clients.map(async (bsn, i) => {
        await new Promise((r) => setTimeout(r, i * SPREAD_MS));
        return post(a, bericht({ id: 'JW305', identificatie: `KOH${i}`, bsn }), KEYS.aanbieder42420001);
      }),
    );
    expect(sent.length).toBeGreaterThan(0);
    for (const r of http) expect(r.status, r.text).toBe(202);
    const starts = async () =>
      (
        await a.db.query<{ identificatie: string; decision: { reasons: { rule: string }[] } }>(
          "SELECT identificatie, decision FROM journal WHERE identificatie LIKE 'KO_%' AND bericht LIKE '%305'",
        )
      ).rows;
    await until(`${2 * M} starts journaled`, async () => (await starts()).length === 2 * M);
    const passedPerClient = new Map<string, number>();
    for (const r of await starts()) {
      const client = r.identificatie.slice(3);
      if (!r.decision.reasons.some((x) => x.rule === 'TR326')) passedPerClient.set(client, (passedPerClient.get(client) ?? 0) + 1);
    }
    const twice = [...passedPerClient].filter(([, n]) => n !== 1).map(([c]) => c);
    expect(twice, 'clients whose two starts both passed').toEqual([]);
    expect(passedPerClient.size).toBe(M);
  }, 120_000);
});
