/**
 * Replay against the live wiring (src/cli/serve.ts: registryDecide over the journal state): decisions
 * carry the summary they were taken on, so replay parses nothing; the state is asked as it was when
 * each bericht came in, so replaying with the same registry changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryDecide } from '../../src/pipeline/decide-registry.js';
import { journalState } from '../../src/pipeline/journal-state.js';
import { journalReplayDecider } from '../../src/replay/decider.js';
import { journalSource } from '../../src/replay/source.js';
import { parseSelection } from '../../src/replay/selection.js';
import { runReplay } from '../../src/replay/run.js';
import { createChannels } from '../../src/deliver/index.js';
import { openTestDb, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';
import { testPipeline, TODAY } from './gateway.js';
import { NOW_DOC, THEN_DOC, registry } from './registries.js';

/** The delivery channels without webhooks (no party here has one): postbus re-delivery only. */
const NO_WEBHOOKS = createChannels({ parties: new Map() });

const THEN = registry(THEN_DOC);
const REF = 'VOT-2026-0042';

for (const kind of ['postgres', 'pglite'] as const) {
  describe(`replay with the live decision wiring (${kind})`, () => {
    let store: TestDb;
    const ids: Record<string, { id: string; at: Date }> = {};
    beforeAll(async () => {
      store = await openTestDb(kind, 'rstate');
      const { ingress } = testPipeline(store.db, kind, registryDecide(THEN, journalState(store.db)));
      const vot = bericht({ id: 'JW315', identificatie: 'VOT1', bsn: testBsn(4000) });
      // The 301 that answers the verzoek names its ReferentieAanbieder (optional element after ToewijzingNummer).
      const toew = bericht({ id: 'JW301', identificatie: 'TW1', bsn: testBsn(4000) }).replace(
        /(<\/jw301:ToewijzingNummer>)/,
        `$1<jw301:ReferentieAanbieder>${REF}</jw301:ReferentieAanbieder>`,
      );
      const decl = bericht({ id: 'JW323', identificatie: 'DC1', bsn: testBsn(4001), moreBsns: [testBsn(4002)] });
      let t = Date.UTC(2026, 10, 5, 9);
      for (const [name, xml] of [
        ['vot', vot],
        ['toew', toew],
        ['decl', decl],
      ] as const) {
        const at = new Date((t += 60_000));
        const r = await ingress(Buffer.from(xml), at);
        if (r.kind !== 'stored') throw new Error(`${name}: ${JSON.stringify(r)}`);
        ids[name] = { id: r.id, at };
      }
    });
    afterAll(async () => {
      await store?.drop();
    });

    it('asks the state as of each bericht: the answering 301 does not close its own verzoek', async () => {
      const key = { standard: 'ijw' as const, gemeente: '0384', aanbieder: '42420001', referentieAanbieder: REF };
      expect((await journalState(store.db).verzoek(key))?.open).toBe(false); // today: closed by the 301
      expect((await journalState(store.db, { before: { receivedAt: ids['toew']!.at, id: ids['toew']!.id } }).verzoek(key))?.open).toBe(
        true,
      );
      expect(await journalState(store.db, { before: { receivedAt: ids['vot']!.at, id: ids['vot']!.id } }).verzoek(key)).toBeUndefined();
    });

    it('the same registry reproduces every decision from the journaled summaries; a new one changes the 323', async () => {
      const selection = parseSelection({ from: '2026-11-01', to: '2026-12-01' });
      const same = journalReplayDecider({ registry: THEN, today: TODAY, db: store.db });
      const r = await runReplay({
        channels: NO_WEBHOOKS,
        db: store.db,
        selection,
        dryRun: true,
        operator: 't',
        source: 'journal',
        pages: journalSource(store.db, selection),
        decide: same,
      });
      expect(r.counts).toMatchObject({ selected: 3, unchanged: 3, changed: 0, errors: 0 });
      expect(same.stats).toEqual({ hits: 3, misses: 0 }); // no XML parsed
      const cached = await store.db.query('SELECT 1 FROM replay_summaries');
      expect(cached.rows).toHaveLength(0);

      const now = journalReplayDecider({ registry: registry(NOW_DOC), today: TODAY, db: store.db });
      const real = await runReplay({
        channels: NO_WEBHOOKS,
        db: store.db,
        selection,
        dryRun: false,
        operator: 't',
        source: 'journal',
        pages: journalSource(store.db, selection),
        decide: now,
      });
      expect(real.counts).toMatchObject({ changed: 1, redelivered: 1 });
      expect(real.changes[0]!.berichtId).toBe(ids['decl']!.id);
      // The applied decision keeps its summary: the journal state can still answer from it.
      const row = await store.db.query<{ decision: { action: string }; decision_summary: { nummer: string } | null }>(
        'SELECT decision, decision_summary FROM journal WHERE id = $1',
        [ids['decl']!.id],
      );
      expect(row.rows[0]!.decision).toMatchObject({ action: 'route' });
      expect(row.rows[0]!.decision_summary).toMatchObject({ nummer: '323' });
    });
  });
}
