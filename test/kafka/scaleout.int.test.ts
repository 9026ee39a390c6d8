/**
 * Scale-out: two instances in one consumer group share one PostgreSQL schema; one is killed with
 * SIGKILL in the middle of 5,000 berichten. Afterwards every bericht is journaled and decided exactly
 * once, every postbus holds each bericht once, and every bericht reached the inbound log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import { groupLag } from '../../src/app/kafka.js';
import { repoRoot } from '../support/paths.js';
import { startTestBroker, readTopic, type TestBroker } from './broker.js';
import { openTestDb, setKafkaEnabled, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';

const TOTAL = 5000;
let logHint = '';

async function until(what: string, fn: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${logHint}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('two instances, one killed with SIGKILL mid-run (postgres)', () => {
  let broker: TestBroker;
  let store: TestDb;
  let producer: Producer;
  const children: ChildProcess[] = [];
  /** Berichten each instance journaled (its STORED lines): both must be working when one is killed. */
  const storedBy: Record<string, number> = {};
  // Each instance's output (group events, retries, kafkajs warnings) goes to a file named in a failure.
  const logDir = mkdtempSync(join(tmpdir(), 'sluis-scaleout-'));
  const group = `scaleout-${Date.now()}`;

  const startInstance = (id: string): Promise<ChildProcess> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot(), 'test/kafka/instance.ts')], {
        cwd: repoRoot(),
        env: {
          ...process.env,
          KAFKA_BROKERS: broker.brokers.join(','),
          SLUIS_TEST_TOPICS: JSON.stringify(broker.topics),
          SLUIS_TEST_SCHEMA: store.schema!,
          SLUIS_INSTANCE_ID: id,
          SLUIS_TEST_GROUP: group,
          KAFKAJS_NO_PARTITIONER_WARNING: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let err = '';
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
      });
      child.stdout!.on('data', (d: Buffer) => {
        appendFileSync(join(logDir, `${id}.log`), d);
        for (const m of d.toString().matchAll(/^STORED (\d+)$/gm)) storedBy[id] = Number(m[1]);
        if (d.toString().includes('READY')) resolve(child);
      });
      child.stderr!.on('data', (d: Buffer) => appendFileSync(join(logDir, `${id}.log`), d));
      child.once('exit', (code) => reject(new Error(`instance ${id} exited (${code}) before READY: ${err.slice(-2000)}`)));
    });

  beforeAll(async () => {
    logHint = ` (instance logs in ${logDir})`;
    broker = await startTestBroker([
      { role: 'ingress', partitions: 6 },
      { role: 'inbound', partitions: 6 },
      { role: 'events', partitions: 6 },
      { role: 'deadletter', partitions: 1 },
    ]);
    store = await openTestDb('postgres', 'scale');
    await setKafkaEnabled(store.db, true);
    producer = broker.kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await producer?.disconnect();
    await store?.drop();
    await broker?.stop();
  });

  it('decides and delivers every bericht exactly once', async () => {
    const [a] = await Promise.all([startInstance('A'), startInstance('B')]);
    const samples = ['JW305', 'JW307', 'JW315'] as const;
    const messages = Array.from({ length: TOTAL }, (_, i) => {
      const client = i % 700;
      return { key: `client-${client}`, value: bericht({ id: samples[i % 3]!, identificatie: `S${i}`, bsn: testBsn(1000 + client) }) };
    });
    for (let i = 0; i < TOTAL; i += 500) await producer.send({ topic: broker.topics['ingress']!, messages: messages.slice(i, i + 500) });

    const count = async (): Promise<number> =>
      Number((await store.db.query<{ n: string }>('SELECT count(*) AS n FROM journal')).rows[0]!.n);
    await until(
      'both instances journaling and a quarter of the berichten done',
      async () => (storedBy['A'] ?? 0) > 0 && (storedBy['B'] ?? 0) > 0 && (await count()) >= TOTAL / 4,
      120_000,
    );
    const atKill = await count();
    const aBeforeKill = storedBy['A']!;
    a!.kill('SIGKILL');
    expect(atKill).toBeLessThan(TOTAL); // really mid-run
    await until(
      'all berichten journaled and the group caught up',
      async () => (await count()) >= TOTAL && (await groupLag(broker.kafka, group, broker.topics['ingress']!)) === 0,
      180_000,
    );
    await until(
      'the Kafka outbox drained',
      async () =>
        Number(
          (await store.db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE channel = 'kafka' AND done_at IS NULL`)).rows[0]!.n,
        ) === 0,
      60_000,
    );

    const j = await store.db.query<{ n: string; ids: string; decided: string }>(
      `SELECT count(*) AS n, count(DISTINCT identificatie) AS ids, count(*) FILTER (WHERE decision IS NOT NULL) AS decided FROM journal`,
    );
    expect(j.rows[0]).toEqual({ n: String(TOTAL), ids: String(TOTAL), decided: String(TOTAL) });
    const besloten = await store.db.query<{ bad: string }>(
      `SELECT count(*) AS bad FROM (SELECT bericht_id FROM journal_status WHERE status = 'besloten' GROUP BY bericht_id HAVING count(*) <> 1) x`,
    );
    expect(besloten.rows[0]!.bad).toBe('0');
    const pb = await store.db.query<{ n: string; distinct_items: string }>(
      `SELECT count(*) AS n, count(DISTINCT (party, bericht_id)) AS distinct_items FROM postbus`,
    );
    expect(pb.rows[0]).toEqual({ n: String(TOTAL), distinct_items: String(TOTAL) });
    // One inbound-log row and one decision event per bericht were queued (by the triggers, in the
    // journal transaction), however often a message was consumed.
    const queued = await store.db.query<{ kind: string; n: string }>(
      `SELECT coalesce(payload->>'kind', destination) AS kind, count(*) AS n FROM outbox WHERE channel = 'kafka' GROUP BY 1 ORDER BY 1`,
    );
    expect(queued.rows).toEqual([
      { kind: 'decision', n: String(TOTAL) },
      { kind: 'delivery', n: String(TOTAL) },
      { kind: 'inbound', n: String(TOTAL) },
    ]);
    const dead = await store.db.query(`SELECT 1 FROM journal WHERE status = 'afgekeurd'`);
    expect(dead.rows).toHaveLength(0);

    // The inbound log holds every bericht (at-least-once: a publisher killed between the broker's ack
    // and its "done" update republishes its batch; consumers de-duplicate on sluis-id).
    const inbound = await readTopic(broker.kafka, broker.topics['inbound']!, { atLeast: TOTAL, timeoutMs: 60_000 });
    const ids = new Set(inbound.map((m) => m.headers['sluis-id']));
    expect(ids.size).toBe(TOTAL);
    console.log(
      `scale-out: killed A at ${atKill}/${TOTAL} journaled (A had ${aBeforeKill}); B journaled ${storedBy['B']} in all; inbound log ${inbound.length} messages for ${ids.size} berichten`,
    );
  }, 420_000);
});
