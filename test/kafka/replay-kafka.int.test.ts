/**
 * Replay from the Kafka inbound topic: the same selection by time gives the same result as the
 * journal (the publisher stamps messages with the journal's received_at); offsets select exactly;
 * header filters apply before the journal is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, EMPTY_STATE, summarize } from '../../src/decision/index.js';
import type { DecideFn } from '../../src/pipeline/types.js';
import { coreDecider } from '../../src/replay/decider.js';
import { kafkaSource, journalSource } from '../../src/replay/source.js';
import { parseSelection, type SelectionInput } from '../../src/replay/selection.js';
import { runReplay, type ReplayReport } from '../../src/replay/run.js';
import { createChannels } from '../../src/deliver/index.js';
import { startKafka, type KafkaRuntime } from '../../src/app/kafka.js';
import { outboxBacklogAge as outboxBacklog } from '../../src/store/outbox/backlog-age.js';
import { startTestBroker, testSettings, type TestBroker } from './broker.js';
import { openTestDb, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';
import { testPipeline, TODAY } from './gateway.js';
import { NOW_DOC, THEN_DOC, registry } from './registries.js';

/** The delivery channels without webhooks (no party here has one): postbus re-delivery only. */
const NO_WEBHOOKS = createChannels({ parties: new Map() });

const THEN = registry(THEN_DOC);
const NOW = registry(NOW_DOC);
const decideThen: DecideFn = (input) => decide(summarize(input.message, input.bericht), THEN, EMPTY_STATE, input.today);

describe('replay from the Kafka inbound topic (postgres)', () => {
  let broker: TestBroker;
  let store: TestDb;
  let rt: KafkaRuntime;
  beforeAll(async () => {
    broker = await startTestBroker([
      { role: 'inbound', partitions: 3 },
      { role: 'events', partitions: 3 },
    ]);
    store = await openTestDb('postgres', 'rkafka');
    rt = await startKafka({ db: store.db, settings: testSettings(broker), publisher: { leaseMs: 3000 } });
    const { ingress } = testPipeline(store.db, 'postgres', decideThen);
    for (let i = 0; i < 20; i++) {
      const xml =
        i < 12
          ? bericht({ id: 'JW323', identificatie: `D${i}`, bsn: testBsn(500 + i), moreBsns: [testBsn(600 + i)] })
          : bericht({ id: 'JW301', identificatie: `T${i}`, bsn: testBsn(500 + i), aanbieder: '42420099' });
      expect((await ingress(Buffer.from(xml), new Date(Date.UTC(2026, 10, 2, 8, 0, i)))).kind).toBe('stored');
    }
    await ingress(
      Buffer.from(bericht({ id: 'JW323', identificatie: 'LATE', bsn: testBsn(700), moreBsns: [testBsn(701)] })),
      new Date(Date.UTC(2026, 11, 5)),
    );
    const end = Date.now() + 30_000;
    while (((await outboxBacklog(store.db)).find((b) => b.channel === 'kafka')?.pending ?? 0) > 0 && Date.now() < end)
      await new Promise((r) => setTimeout(r, 200));
  });
  afterAll(async () => {
    await rt?.stop();
    await store?.drop();
    await broker?.stop();
  });

  const replay = (sel: SelectionInput, source: 'kafka' | 'journal' = 'kafka'): Promise<ReplayReport> => {
    const selection = parseSelection(sel);
    return runReplay({
      channels: NO_WEBHOOKS,
      db: store.db,
      selection,
      dryRun: true,
      operator: 'tester',
      source,
      pages:
        source === 'kafka'
          ? kafkaSource(broker.kafka, broker.topics['inbound']!, store.db, selection, { pageSize: 5 })
          : journalSource(store.db, selection),
      decide: coreDecider({ registry: NOW, today: TODAY, db: store.db }),
    });
  };

  it('a time range selects what the journal selects', async () => {
    const fromKafka = await replay({ from: '2026-11-01', to: '2026-12-01' });
    const fromJournal = await replay({ from: '2026-11-01', to: '2026-12-01' }, 'journal');
    expect(fromKafka.counts).toMatchObject({ selected: 20, changed: 12, unchanged: 8, errors: 0 });
    expect(fromKafka.counts).toEqual(fromJournal.counts);
    expect(fromKafka.changes.map((c) => c.berichtId).sort()).toEqual(fromJournal.changes.map((c) => c.berichtId).sort());
    expect(fromKafka.changes[0]!.text).toMatch(/^was suppressed by contract K1, now routed to 0384/);
  });

  it('offsets select exactly; header filters apply', async () => {
    const all = await replay({ from: '0', to: '1000' });
    expect(all.counts.selected).toBe(21);
    const none = await replay({ from: '1000', to: '2000' }); // past every partition's end
    expect(none.counts.selected).toBe(0);
    const admin = broker.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(broker.topics['inbound']!).finally(() => admin.disconnect());
    const used = ends.filter((e) => Number(e.high) > 0);
    const first = await replay({ from: '0', to: '1' }); // offset 0 of each partition that has messages
    expect(first.counts.selected).toBe(used.length);
    const one = used[0]!;
    const perPartition = await replay({ from: `${one.partition}:0`, to: `${one.partition}:${one.high}` });
    expect(perPartition.counts.selected).toBe(Number(one.high) - Number(one.low)); // only the partition named
    const toew = await replay({ from: '0', to: '1000', bericht: '301' });
    expect(toew.counts).toMatchObject({ selected: 8, changed: 0 });
    const supp = await replay({ from: '0', to: '1000', decision: 'suppress' });
    expect(supp.counts).toMatchObject({ selected: 13, changed: 13 }); // LATE (received in December) is about Sept/Oct too
    const other = await replay({ from: '0', to: '1000', gemeente: '0363' });
    expect(other.counts.selected).toBe(0);
  });
});
