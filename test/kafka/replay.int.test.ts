/**
 * Replay from the journal: berichten taken in through the real pipeline under the THEN registry, then
 * replayed under NOW. Dry-run reports per-bericht changes and touches nothing; a real run applies them
 * once (re-delivery to the new addressee's postbus, decision event), idempotently, rate-limited, and is
 * journaled in replay_runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decide, EMPTY_STATE, summarize } from '../../src/decision/index.js';
import type { Decision, DecideFn } from '../../src/pipeline/types.js';
import { coreDecider } from '../../src/replay/decider.js';
import { registryDecide } from '../../src/pipeline/decide-registry.js';
import { journalSource, journaledDecisions, countJournalSelection, type ReplayItem } from '../../src/replay/source.js';
import { parseSelection } from '../../src/replay/selection.js';
import { runReplay, type ReplayReport } from '../../src/replay/run.js';
import { createChannels } from '../../src/deliver/index.js';
import { formatReport } from '../../src/replay/format.js';
import { setKafkaEnabled } from '../../src/store/kafka-settings/set-enabled.js';
import { openTestDb, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';
import { testPipeline, TODAY } from './gateway.js';
import { NOW_DOC, THEN_DOC, registry } from './registries.js';
import { schemaValidator } from './schemas.js';

/** The delivery channels without webhooks (no party here has one): postbus re-delivery only. */
const NO_WEBHOOKS = createChannels({ parties: new Map() });

const THEN = registry(THEN_DOC);
const NOW = registry(NOW_DOC);
const decideThen: DecideFn = (input) => decide(summarize(input.message, input.bericht), THEN, EMPTY_STATE, input.today);
const reportSchema = schemaValidator().compile(JSON.parse(readFileSync('schemas/events/replay-run.v1.schema.json', 'utf8')));

for (const kind of ['postgres', 'pglite'] as const) {
  describe(`replay from the journal (${kind})`, () => {
    let store: TestDb;
    const DECL = 12;
    const TOEW = 8;
    beforeAll(async () => {
      store = await openTestDb(kind, 'replay');
      await setKafkaEnabled(store.db, true);
      const { ingress } = testPipeline(store.db, kind, decideThen);
      for (let i = 0; i < DECL + TOEW; i++) {
        const xml =
          i < DECL
            ? bericht({ id: 'JW323', identificatie: `D${i}`, bsn: testBsn(200 + i), moreBsns: [testBsn(400 + i)] })
            : bericht({ id: 'JW301', identificatie: `T${i}`, bsn: testBsn(200 + i), aanbieder: '42420099' });
        const r = await ingress(
          Buffer.from(xml),
          new Date(Date.UTC(2026, 10, 2, 8, 0, Math.floor(i / 5))) /* ties across page boundaries (pageSize 7) */,
        );
        expect(r.kind).toBe('stored');
      }
      // One outside the selected period.
      await ingress(
        Buffer.from(bericht({ id: 'JW323', identificatie: 'LATE', bsn: testBsn(300), moreBsns: [testBsn(301)] })),
        new Date(Date.UTC(2026, 11, 5)),
      );
    });
    afterAll(async () => {
      await store?.drop();
    });

    const replay = (over: { dryRun: boolean; rate?: number; sel?: Record<string, string> }): Promise<ReplayReport> => {
      const selection = parseSelection({ from: '2026-11-01', to: '2026-12-01', ...over.sel });
      return runReplay({
        channels: NO_WEBHOOKS,
        db: store.db,
        selection,
        dryRun: over.dryRun,
        operator: 'tester',
        source: 'journal',
        pages: journalSource(store.db, selection, { pageSize: 7 }),
        decide: coreDecider({ registry: NOW, today: TODAY, db: store.db }),
        ...(over.rate ? { rate: over.rate } : {}),
      });
    };

    it('dry-run: names every change and changes nothing', async () => {
      const before = await store.db.query('SELECT id, decision, status FROM journal ORDER BY id');
      const r = await replay({ dryRun: true });
      expect(reportSchema(r), JSON.stringify(reportSchema.errors)).toBe(true);
      expect(r.counts).toMatchObject({ selected: DECL + TOEW, changed: DECL, unchanged: TOEW, redelivered: 0, errors: 0, skipped: 0 });
      expect(r.counts.byTransition).toEqual({ 'suppress→route': DECL });
      for (const c of r.changes) {
        expect(c.text).toMatch(/^was suppressed by contract K1, now routed to 0384 under contract K2 because outputgericht: declaratie/);
        expect(c.bericht).toBe('323');
      }
      expect(formatReport(r)).toContain('suppress→route');
      expect((await store.db.query('SELECT id, decision, status FROM journal ORDER BY id')).rows).toEqual(before.rows);
      const pb = await store.db.query(`SELECT 1 FROM postbus WHERE party = '0384'`);
      expect(pb.rows).toHaveLength(0);
      const run = await store.db.query<{ operator: string; dry_run: boolean; status: string; counts: { changed: number } }>(
        'SELECT * FROM replay_runs WHERE id = $1',
        [r.runId],
      );
      expect(run.rows[0]).toMatchObject({ operator: 'tester', dry_run: true, status: 'done', counts: { changed: DECL } });
    });

    it('dry-run: the report keeps maxChanges changes, the counts stay exact', async () => {
      const selection = parseSelection({ from: '2026-11-01', to: '2026-12-01' });
      const r = await runReplay({
        channels: NO_WEBHOOKS,
        db: store.db,
        selection,
        dryRun: true,
        operator: 'tester-report',
        source: 'journal',
        maxChanges: 3,
        pages: journalSource(store.db, selection, { pageSize: 7 }),
        decide: coreDecider({ registry: NOW, today: TODAY, db: store.db }),
      });
      expect(r.counts).toMatchObject({ selected: DECL + TOEW, changed: DECL, unchanged: TOEW });
      expect(r.counts.byTransition).toEqual({ 'suppress→route': DECL });
      expect(r.changes).toHaveLength(3);
      for (const c of r.changes) expect(c).toMatchObject({ was: { action: 'suppress' }, now: { action: 'route', addressee: '0384' } });
    });

    it('source: a journaled decision is read as its action and addressee; the report reads the whole of it', async () => {
      const selection = parseSelection({ from: '2026-11-01', to: '2026-12-01' });
      const first = await journalSource(store.db, selection, { pageSize: 7 })[Symbol.asyncIterator]().next();
      const items = (first.value ?? []) as ReplayItem[];
      expect(items).toHaveLength(7);
      const journaled = await store.db.query<{ id: string; decision: Decision }>(
        'SELECT id, decision FROM journal WHERE id = ANY($1::text[])',
        [items.map((i) => i.id)],
      );
      const byId = new Map(journaled.rows.map((r) => [r.id, r.decision]));
      const read = await journaledDecisions(store.db, [...items.map((i) => i.id), 'no-such-bericht']);
      expect(read.size).toBe(7);
      for (const item of items) {
        const d = byId.get(item.id)!;
        expect(item.outcome).toEqual({ action: d.action, addressee: d.addressee ?? null });
        // The page carries no whole decision (the report reads it for the changes it keeps).
        expect(Object.keys(item)).not.toContain('decision');
        expect(read.get(item.id)).toEqual(d);
      }
    });

    it('deciders answering now, later, or throwing (either way): every bericht counted, changes in journal order', async () => {
      const selection = parseSelection({ from: '2026-11-01', to: '2026-12-01' });
      const core = coreDecider({ registry: NOW, today: TODAY, db: store.db });
      let n = 0;
      const r = await runReplay({
        channels: NO_WEBHOOKS,
        db: store.db,
        selection,
        dryRun: true,
        operator: 'tester-report',
        source: 'journal',
        decideConcurrency: 3,
        pages: journalSource(store.db, selection, { pageSize: 7 }),
        decide: {
          prepare: async (items) => {
            await core.prepare?.(items);
          },
          decide: (item) => {
            const k = n++;
            if (k === 4) throw new Error('thrown at once');
            if (k === 5) return Promise.reject(new Error('rejected later'));
            const d = core.decide(item);
            // Every third answer later, after a varying delay, so later answers overtake earlier ones.
            return k % 3 === 0 ? new Promise<Decision>((res) => setTimeout(() => res(d), 10 - (k % 7))) : d;
          },
        },
      });
      expect(r.counts).toMatchObject({ selected: DECL + TOEW, errors: 2, changed: DECL - 2, unchanged: TOEW });
      expect(r.changes.filter((c) => c.text.startsWith('error:')).map((c) => c.text)).toEqual([
        'error: thrown at once',
        'error: rejected later',
      ]);
      const order = (
        await store.db.query<{ id: string }>(
          `SELECT id FROM journal WHERE received_at >= '2026-11-01' AND received_at < '2026-12-01' ORDER BY received_at, id`,
        )
      ).rows.map((x) => x.id);
      const reported = r.changes.map((c) => order.indexOf(c.berichtId));
      expect(reported).toEqual([...reported].sort((a, b) => a - b));
    });

    it('filters: bericht, decision, gemeente, aanbieder', async () => {
      const sel = (s: Record<string, string>): ReturnType<typeof parseSelection> =>
        parseSelection({ from: '2026-11-01', to: '2026-12-01', ...s });
      expect(await countJournalSelection(store.db, sel({ bericht: '301' }))).toBe(TOEW);
      expect(await countJournalSelection(store.db, sel({ decision: 'suppress' }))).toBe(DECL);
      expect(await countJournalSelection(store.db, sel({ gemeente: '0384', aanbieder: '42420001' }))).toBe(DECL);
      expect(await countJournalSelection(store.db, sel({ gemeente: '0384' }))).toBe(DECL + TOEW);
      expect(await countJournalSelection(store.db, sel({ gemeente: '0363' }))).toBe(0);
      expect(await countJournalSelection(store.db, sel({ standard: 'iwmo' }))).toBe(0);
      const r = await replay({ dryRun: true, sel: { bericht: '301' } });
      expect(r.counts).toMatchObject({ selected: TOEW, changed: 0 });
    });

    it('real run: applies each change once, rate-limited, journaled; a second run changes nothing', async () => {
      const t0 = performance.now();
      const r = await replay({ dryRun: false, rate: 100 });
      const elapsed = performance.now() - t0;
      // 20 berichten at 100/s cannot finish in less than ~0.2 s.
      expect(elapsed).toBeGreaterThanOrEqual(150);
      expect(r.counts).toMatchObject({ selected: DECL + TOEW, changed: DECL, redelivered: DECL, errors: 0 });
      expect(r.changes.every((c) => c.redelivered === true)).toBe(true);
      // `was` is the decision as journaled before this run: read in the write's transaction, before its UPDATE.
      expect(r.changes).toHaveLength(DECL);
      for (const c of r.changes)
        expect(c).toMatchObject({
          was: { action: 'suppress', reasons: [{ rule: expect.any(String) }] },
          now: { action: 'route', addressee: '0384' },
        });
      const { rows } = await store.db.query<{ decision: { action: string; addressee: string }; status: string; addressee: string }>(
        `SELECT decision, status, addressee FROM journal WHERE bericht = 'JW323' AND identificatie <> 'LATE'`,
      );
      expect(rows).toHaveLength(DECL);
      for (const row of rows) {
        expect(row.decision).toMatchObject({ action: 'route', addressee: '0384' });
        expect(row).toMatchObject({ status: 'klaargezet', addressee: '0384' });
      }
      const late = await store.db.query<{ decision: { action: string } }>(`SELECT decision FROM journal WHERE identificatie = 'LATE'`);
      expect(late.rows[0]!.decision.action).toBe('suppress');
      const pb = await store.db.query<{ n: string }>(`SELECT count(*) AS n FROM postbus WHERE party = '0384' AND kind = 'bericht'`);
      expect(Number(pb.rows[0]!.n)).toBe(DECL);
      // The decision trigger queued a decision event with the previous decision for each change.
      const ev = await store.db.query<{ payload: { previous: { action: string } | null; decision: { action: string } } }>(
        `SELECT payload FROM outbox WHERE channel = 'kafka' AND payload->>'kind' = 'decision' AND payload->'previous' <> 'null'::jsonb`,
      );
      expect(ev.rows).toHaveLength(DECL);
      expect(ev.rows.every((e) => e.payload.previous?.action === 'suppress' && e.payload.decision.action === 'route')).toBe(true);
      const hist = await store.db.query(`SELECT 1 FROM journal_status WHERE detail->>'replayRun' = $1`, [r.runId]);
      expect(hist.rows).toHaveLength(DECL * 2);

      const again = await replay({ dryRun: false });
      expect(again.counts).toMatchObject({ selected: DECL + TOEW, changed: 0, unchanged: DECL + TOEW, redelivered: 0 });
      const pb2 = await store.db.query<{ n: string }>(`SELECT count(*) AS n FROM postbus WHERE party = '0384'`);
      expect(Number(pb2.rows[0]!.n)).toBe(DECL);
      const runs = await store.db.query<{ dry_run: boolean }>(
        `SELECT dry_run FROM replay_runs WHERE operator = 'tester' ORDER BY started_at`,
      );
      expect(runs.rows.map((x) => x.dry_run)).toEqual([true, true, false, false]);
      // Summaries were cached by the first run: later runs parse nothing.
      const cached = await store.db.query<{ n: string }>('SELECT count(*) AS n FROM replay_summaries');
      expect(Number(cached.rows[0]!.n)).toBe(DECL + TOEW);
    });

    it('compare-and-set: a bericht whose decision changed after it was read is skipped, not overwritten', async () => {
      // Back to THEN (route → suppress for the 323s); while this run decides, "another instance" changes
      // one 323's decision. This run must leave that one alone and say so.
      const selection = parseSelection({ from: '2026-11-01', to: '2026-12-01', bericht: '323' });
      const inner = coreDecider({ registry: THEN, today: TODAY, db: store.db });
      let victim: string | undefined;
      const r = await runReplay({
        channels: NO_WEBHOOKS,
        db: store.db,
        selection,
        dryRun: false,
        operator: 'tester',
        source: 'journal',
        maxChanges: 5,
        pages: journalSource(store.db, selection, { pageSize: 50 }),
        decide: {
          prepare: (items) => inner.prepare!(items),
          async decide(item) {
            if (victim === undefined) {
              victim = item.id;
              await store.db.query(
                `UPDATE journal SET decision = decision || '{"by":"other"}'::jsonb, decision_rev = decision_rev + 1 WHERE id = $1`,
                [item.id],
              );
            }
            return inner.decide(item);
          },
        },
      });
      expect(r.counts).toMatchObject({ selected: DECL, changed: DECL - 1, skipped: 1, errors: 0 });
      expect(r.changes.find((c) => c.berichtId === victim)?.text).toMatch(/^skipped: the decision changed meanwhile/);
      // The report keeps 5 of the 12 (the counts stay exact); `was` as journaled when the write ran:
      // the other instance's decision for the victim, this run's previous one for the rest.
      expect(r.changes).toHaveLength(5);
      expect(r.changes.find((c) => c.berichtId === victim)?.was).toMatchObject({ action: 'route', by: 'other' });
      for (const c of r.changes.filter((x) => x.berichtId !== victim))
        expect(c).toMatchObject({ was: { action: 'route', addressee: '0384' }, now: { action: 'suppress' } });
      const row = await store.db.query<{ decision: { action: string; by?: string }; decision_rev: number }>(
        'SELECT decision, decision_rev FROM journal WHERE id = $1',
        [victim],
      );
      expect(row.rows[0]!.decision).toMatchObject({ action: 'route', by: 'other' });
      const others = await store.db.query<{ action: string; n: number }>(
        `SELECT decision->>'action' AS action, count(*)::int AS n FROM journal WHERE bericht = 'JW323' AND identificatie <> 'LATE' AND id <> $1 GROUP BY 1`,
        [victim],
      );
      expect(others.rows).toEqual([{ action: 'suppress', n: DECL - 1 }]);
      const hist = await store.db.query(`SELECT 1 FROM journal_status WHERE detail->>'replayRun' = $1 AND bericht_id = $2`, [
        r.runId,
        victim,
      ]);
      expect(hist.rows).toHaveLength(0);
    });

    it('real run over decisions journaled with their summary: the new decision keeps that summary', async () => {
      // The live core (registryDecide) journals its summary (journal.decision_summary); a real replay
      // does not send it back but keeps the row's own. January 2027: outside the other tests' selection.
      const { ingress } = testPipeline(store.db, kind, registryDecide(THEN));
      for (let i = 0; i < 3; i++) {
        const r = await ingress(
          Buffer.from(bericht({ id: 'JW323', identificatie: `KS${i}`, bsn: testBsn(500 + i), moreBsns: [testBsn(600 + i)] })),
          new Date(Date.UTC(2027, 0, 5, 9, i)),
        );
        expect(r.kind).toBe('stored');
      }
      type Journaled = {
        id: string;
        decision: { action: string; addressee?: string; summary?: unknown };
        decision_summary: { nummer: string } | null;
      };
      const before = await store.db.query<Journaled>(
        `SELECT id, decision, decision_summary FROM journal WHERE identificatie LIKE 'KS%' ORDER BY id`,
      );
      expect(before.rows.map((x) => x.decision.action)).toEqual(['suppress', 'suppress', 'suppress']);
      for (const row of before.rows) {
        expect(row.decision_summary).toMatchObject({ nummer: '323' });
        expect(row.decision.summary).toBeUndefined();
      }
      const selection = parseSelection({ from: '2027-01-01', to: '2027-02-01' });
      const r = await runReplay({
        channels: NO_WEBHOOKS,
        db: store.db,
        selection,
        dryRun: false,
        operator: 'tester',
        source: 'journal',
        pages: journalSource(store.db, selection, { pageSize: 2 }),
        decide: coreDecider({ registry: NOW, today: TODAY, db: store.db }),
      });
      expect(r.counts).toMatchObject({ selected: 3, changed: 3, errors: 0, skipped: 0 });
      // Reported as journaled: neither decision of a change carries the summary.
      for (const c of r.changes) {
        expect((c.was as { summary?: unknown } | null)?.summary).toBeUndefined();
        expect((c.now as { summary?: unknown } | null)?.summary).toBeUndefined();
      }
      const after = await store.db.query<Journaled>(
        `SELECT id, decision, decision_summary FROM journal WHERE identificatie LIKE 'KS%' ORDER BY id`,
      );
      after.rows.forEach((row, i) => {
        expect(row.decision).toMatchObject({ action: 'route', addressee: '0384' });
        expect(row.decision.summary).toBeUndefined();
        expect(row.decision_summary).toEqual(before.rows[i]!.decision_summary);
      });
      // The decision event carries the previous decision, and neither carries the summary.
      const ev = await store.db.query<{ payload: { previous: Record<string, unknown>; decision: Record<string, unknown> } }>(
        `SELECT payload FROM outbox WHERE channel = 'kafka' AND payload->>'kind' = 'decision' AND payload->'previous' <> 'null'::jsonb AND bericht_id = ANY($1::text[])`,
        [after.rows.map((x) => x.id)],
      );
      expect(ev.rows).toHaveLength(3);
      for (const e of ev.rows) {
        expect(e.payload.previous).toMatchObject({ action: 'suppress' });
        expect(e.payload.decision).toMatchObject({ action: 'route' });
        expect(e.payload.decision['summary']).toBeUndefined();
      }
    });
  });
}
