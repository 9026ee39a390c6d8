/**
 * Inbound log + events through the outbox: journal rows written in a transaction get Kafka outbox rows
 * from the triggers; the publisher drains them to the broker in order, keyed per client without BSN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaValidator } from './schemas.js';
import { readFileSync } from 'node:fs';
import type { Producer } from 'kafkajs';
import { KafkaOutboxPublisher } from '../../src/deliver/kafka.js';
import { clientKey, pairKey } from '../../src/kafka/key.js';
import { outboxBacklogAge as outboxBacklog } from '../../src/store/outbox/backlog-age.js';
import { startTestBroker, readTopic, type TestBroker } from './broker.js';
import { openTestDb, setKafkaEnabled, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';
import { insertJournal } from './journal.js';

const SECRET = 'test-secret-0123456789abcdef';

for (const kind of ['postgres', 'pglite'] as const) {
  describe(`inbound log and events via the outbox (${kind})`, () => {
    let broker: TestBroker;
    let store: TestDb;
    let producer: Producer;
    beforeAll(async () => {
      broker = await startTestBroker([
        { role: 'inbound', partitions: 3 },
        { role: 'events', partitions: 3 },
      ]);
      store = await openTestDb(kind, 'pub');
      producer = broker.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
    });
    afterAll(async () => {
      await producer?.disconnect();
      await store?.drop();
      await broker?.stop();
    });

    const publisher = (id = 'i1'): KafkaOutboxPublisher =>
      new KafkaOutboxPublisher({
        db: store.db,
        producer,
        topics: { inbound: broker.topics['inbound']!, events: broker.topics['events']! },
        keySecret: SECRET,
        instanceId: id,
        batchSize: 7,
      });

    it('enqueues nothing while Kafka is switched off', async () => {
      await insertJournal(store.db, {
        id: 'off-1',
        xml: bericht({ id: 'JW301', identificatie: 'OFF1', bsn: testBsn(0) }),
        decision: { action: 'route' },
      });
      const { rows } = await store.db.query(`SELECT 1 FROM outbox WHERE channel = 'kafka'`);
      expect(rows).toHaveLength(0);
    });

    it('publishes every journaled bericht after commit, keyed per client, in journal order, without BSN', async () => {
      await setKafkaEnabled(store.db, true);
      const clients = [0, 1, 2, 3, 4].map((n) => testBsn(n + 10));
      const ids: string[] = [];
      // 4 berichten per client, interleaved, each in its own transaction with its postbus delivery.
      for (let round = 0; round < 4; round++) {
        for (const [c, bsn] of clients.entries()) {
          const id = `b-${c}-${round}`;
          ids.push(id);
          const sampleId = ['JW301', 'JW305', 'JW307', 'JW315'][round]!;
          await store.db.transaction(async (tx) => {
            await insertJournal(tx, {
              id,
              xml: bericht({ id: sampleId, identificatie: `ID${c}R${round}`, bsn }),
              decision: { action: 'route', addressee: '42420001', reasons: [{ rule: 'R1', text: 'route' }] },
            });
            await tx.query(`INSERT INTO postbus (party, bericht_id) VALUES ($1, $2)`, ['42420001', id]);
          });
        }
      }
      // A 323 with two clients → the pair key; a retour without Client → the heenbericht's client key.
      await insertJournal(store.db, {
        id: 'decl-1',
        xml: bericht({ id: 'JW323', identificatie: 'DECL1', bsn: testBsn(50), moreBsns: [testBsn(51)] }),
        decision: { action: 'suppress', reasons: [{ contract: 'K1', text: 'taakgericht' }] },
      });
      await insertJournal(store.db, { id: 'ret-1', xml: bericht({ id: 'JW306', identificatie: 'ID0R1' }), decision: { action: 'route' } });
      // A transaction that rolls back leaves nothing to publish.
      await store.db
        .transaction(async (tx) => {
          await insertJournal(tx, { id: 'rolled-back', xml: bericht({ id: 'JW301', identificatie: 'RB', bsn: clients[0]! }) });
          throw new Error('abort');
        })
        .catch(() => undefined);

      const backlogBefore = (await outboxBacklog(store.db)).find((b) => b.channel === 'kafka');
      expect(backlogBefore?.pending).toBe(22 + 22 + 20); // inbound + decision events + postbus delivery events

      const p = publisher();
      let rounds = 0;
      for (;;) {
        const r = await p.publishOnce();
        rounds++;
        if (!r.more && r.published === 0) break;
      }
      expect(rounds).toBeGreaterThan(5); // batchSize 7 forces several rounds
      expect((await outboxBacklog(store.db)).find((b) => b.channel === 'kafka')?.pending ?? 0).toBe(0);

      const inbound = await readTopic(broker.kafka, broker.topics['inbound']!, { atLeast: 22 });
      expect(inbound).toHaveLength(22);
      const allText = inbound.map((m) => `${m.key} ${JSON.stringify(m.headers)}`).join('\n');
      for (const bsn of [...clients, testBsn(50), testBsn(51)]) expect(allText).not.toContain(bsn);
      expect(inbound.map((m) => m.headers['sluis-id']).sort()).toEqual([...ids, 'decl-1', 'ret-1'].sort());

      const headerSchema = schemaValidator().compile(JSON.parse(readFileSync('schemas/events/inbound-headers.v1.schema.json', 'utf8')));
      for (const m of inbound) expect(headerSchema(m.headers), JSON.stringify(headerSchema.errors)).toBe(true);

      for (const [c, bsn] of clients.entries()) {
        const mine = inbound.filter((m) => m.headers['sluis-id']!.startsWith(`b-${c}-`));
        expect(new Set(mine.map((m) => m.key))).toEqual(new Set([clientKey(SECRET, '0384', bsn)]));
        expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
        expect(mine.map((m) => m.headers['sluis-id'])).toEqual([0, 1, 2, 3].map((r) => `b-${c}-${r}`)); // offset order = journal order
      }
      const decl = inbound.find((m) => m.headers['sluis-id'] === 'decl-1')!;
      expect(decl.key).toBe(pairKey(SECRET, '0384', '42420001'));
      expect(decl.headers['BerichtCode']).toBe('490');
      expect(decl.headers['sender']).toBe('42420001');
      expect(decl.headers['addressee']).toBe('0384');
      const ret = inbound.find((m) => m.headers['sluis-id'] === 'ret-1')!;
      expect(ret.key).toBe(clientKey(SECRET, '0384', clients[0]!));
      expect(decl.value!.toString('utf8')).toContain('<jw323:Declaratie>');
    });

    it('publishes decision and delivery events that validate against their schemas', async () => {
      const ajv = schemaValidator();
      const decision = ajv.compile(JSON.parse(readFileSync('schemas/events/decision.v1.schema.json', 'utf8')));
      const delivery = ajv.compile(JSON.parse(readFileSync('schemas/events/delivery.v1.schema.json', 'utf8')));
      // A decision change (what a replay does) publishes a second decision event with `previous`.
      await store.db.query(`UPDATE journal SET decision = $2 WHERE id = $1`, [
        'b-1-0',
        JSON.stringify({ action: 'suppress', reasons: [{ contract: 'K2', text: 'x' }] }),
      ]);
      await store.db.query(`UPDATE postbus SET confirmed_at = now() WHERE bericht_id = 'b-2-0'`);
      // A webhook delivery (the gateway's worker marks outbox rows done / given up) is an event too.
      await store.db.query(`INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload) VALUES
        ('b-3-0', 'webhook', '42420001', 'b-3-0.webhook.42420001', '{}'), ('b-4-0', 'webhook', '42420001', 'b-4-0.webhook.42420001', '{}')`);
      await store.db.query(`UPDATE outbox SET done_at = now(), attempts = 1 WHERE delivery_key = 'b-3-0.webhook.42420001'`);
      await store.db.query(
        `UPDATE outbox SET failed_at = now(), attempts = 8, last_error = 'HTTP 500 for client 999999990' WHERE delivery_key = 'b-4-0.webhook.42420001'`,
      );
      const p = publisher('i2');
      // i1 still holds the lease (TTL 10 s) — i2 must not publish meanwhile.
      expect((await p.publishOnce()).leased).toBe(false);
      await publisher('i1').release();
      while ((await p.publishOnce()).published > 0) {
        /* drain */
      }
      const events = await readTopic(broker.kafka, broker.topics['events']!, { atLeast: 46 });
      expect(events).toHaveLength(22 + 20 + 2 + 2);
      for (const e of events) {
        const v = JSON.parse(e.value!.toString('utf8')) as { type: string; berichtId: string };
        const check = v.type === 'sluis.decision' ? decision : delivery;
        expect(check(v), `${JSON.stringify(v)} ${JSON.stringify(check.errors)}`).toBe(true);
        expect(e.key).toBe(v.berichtId);
        expect(e.headers['sluis-event-type']).toBe(v.type);
      }
      const parsed = events.map((e) => JSON.parse(e.value!.toString('utf8')) as Record<string, unknown>);
      const everything = events.map((e) => `${e.key} ${JSON.stringify(e.headers)} ${e.value!.toString('utf8')}`).join('\n');
      for (let n = 0; n < 60; n++) expect(everything).not.toContain(testBsn(n)); // no BSN anywhere in the events
      const change = parsed.find((v) => v['type'] === 'sluis.decision' && v['berichtId'] === 'b-1-0' && v['previous'] !== null)!;
      expect(change['decision']).toMatchObject({ action: 'suppress' });
      expect(change['previous']).toMatchObject({ action: 'route' });
      expect(parsed.filter((v) => v['outcome'] === 'confirmed').map((v) => v['berichtId'])).toEqual(['b-2-0']);
      expect(new Set(parsed.map((v) => v['id'])).size).toBe(parsed.length);
      const hooks = parsed.filter((v) => v['channel'] === 'webhook');
      expect(hooks.map((v) => [v['berichtId'], v['outcome'], v['attempts']]).sort()).toEqual([
        ['b-3-0', 'delivered', 1],
        ['b-4-0', 'failed', 8],
      ]);
      expect(hooks.find((v) => v['outcome'] === 'failed')!['error']).toBe('HTTP 500 for client *********');
    });
  });
}
