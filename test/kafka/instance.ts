/**
 * One Sluis instance for the scale-out test, run as a child process (`node --import tsx`): the real
 * pipeline on a shared PostgreSQL schema, the Kafka ingress consumer in the shared group, and the
 * outbox publisher. Prints READY when its consumer runs; stops on SIGTERM (the test also SIGKILLs it).
 * env: KAFKA_BROKERS, SLUIS_TEST_TOPICS (JSON role → name), SLUIS_TEST_SCHEMA, SLUIS_INSTANCE_ID, DATABASE_URL.
 */
import { openDb } from '../../src/store/db.js';
import { startKafka } from '../../src/app/kafka.js';
import type { KafkaSettings } from '../../src/kafka/config.js';
import { testPipeline } from './gateway.js';
import { PG_URL } from './db.js';
import { TEST_KEY_SECRET } from './broker.js';

const env = process.env;
const topics = JSON.parse(env['SLUIS_TEST_TOPICS'] ?? '{}') as Record<string, string>;
const opened = await openDb({ databaseUrl: PG_URL, schema: env['SLUIS_TEST_SCHEMA']!, poolSize: 8 });
const { ingress } = testPipeline(opened.db, 'postgres');
const settings: KafkaSettings = {
  brokers: env['KAFKA_BROKERS']!.split(','),
  clientId: env['SLUIS_INSTANCE_ID']!,
  groupId: env['SLUIS_TEST_GROUP']!,
  topics: { inbound: topics['inbound']!, events: topics['events']!, ingress: topics['ingress']!, deadletter: topics['deadletter']! },
  keySecret: TEST_KEY_SECRET,
  ingress: true,
  instanceId: env['SLUIS_INSTANCE_ID']!,
  ssl: false,
  sessionTimeoutMs: 6000,
};
let stored = 0;
const rt = await startKafka({
  db: opened.db,
  settings,
  ingest: ingress,
  publisher: { leaseMs: 3000 },
  onIngressEvent: (e) => {
    if (e.type === 'stored') stored++;
    else process.stdout.write(`${new Date().toISOString()} ${JSON.stringify(e)}\n`);
  },
  log: (level, message, extra) => {
    if (level !== 'info') process.stdout.write(`${new Date().toISOString()} ${level} ${message} ${JSON.stringify(extra)}\n`);
  },
});
await rt.started();
process.stdout.write('READY\n');
const tick = setInterval(() => process.stdout.write(`STORED ${stored}\n`), 500);
process.once('SIGTERM', () => {
  clearInterval(tick);
  void rt
    .stop()
    .then(() => opened.close())
    .then(() => process.exit(0));
});
