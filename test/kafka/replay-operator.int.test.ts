/**
 * The operator form of replay (transport-free handler the gateway mounts): dry-run by default, problems
 * with a stable type and the option named, a real run only when asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, EMPTY_STATE, summarize } from '../../src/decision/index.js';
import type { DecideFn } from '../../src/pipeline/types.js';
import { coreDecider } from '../../src/replay/decider.js';
import { createChannels } from '../../src/deliver/index.js';
import { handleReplayRequest, type ReplayRequestDeps } from '../../src/replay/operator.js';
import { ProblemType } from '../../src/outcomes.js';
import { openTestDb, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';
import { testPipeline, TODAY } from './gateway.js';
import { NOW_DOC, THEN_DOC, registry } from './registries.js';

const THEN = registry(THEN_DOC);
const NOW = registry(NOW_DOC);
const decideThen: DecideFn = (input) => decide(summarize(input.message, input.bericht), THEN, EMPTY_STATE, input.today);

describe('replay as an operator request (pglite)', () => {
  let store: TestDb;
  let deps: ReplayRequestDeps;
  beforeAll(async () => {
    store = await openTestDb('pglite', 'op');
    const { ingress } = testPipeline(store.db, 'pglite', decideThen);
    for (let i = 0; i < 6; i++) {
      await ingress(
        Buffer.from(bericht({ id: 'JW323', identificatie: `O${i}`, bsn: testBsn(3000 + i), moreBsns: [testBsn(3100 + i)] })),
        new Date(Date.UTC(2026, 10, 4)),
      );
    }
    deps = {
      db: store.db,
      decider: () => coreDecider({ registry: NOW, today: TODAY, db: store.db }),
      channels: createChannels({ parties: new Map() }),
    };
  });
  afterAll(async () => {
    await store?.drop();
  });

  it('is a dry-run unless dryRun: false is sent', async () => {
    const r = await handleReplayRequest(deps, { from: '2026-11-01', to: '2026-12-01' }, 'ops@example');
    expect(r.status).toBe(200);
    if (r.status !== 200) return;
    expect(r.body).toMatchObject({
      dryRun: true,
      operator: 'ops@example',
      source: 'journal',
      counts: { selected: 6, changed: 6, redelivered: 0 },
    });
    const real = await handleReplayRequest(deps, { from: '2026-11-01', to: '2026-12-01', dryRun: false, rate: 1000 }, 'ops@example');
    expect(real.status === 200 && real.body.counts.redelivered).toBe(6);
  });

  it('answers bad requests with a problem naming the option', async () => {
    const cases: [unknown, string, string | undefined][] = [
      [[1, 2], ProblemType.BAD_REQUEST.type, undefined],
      [{ to: '2026-12-01' }, ProblemType.REPLAY_BAD_SELECTION.type, '--from'],
      [{ from: '2026-11-01', to: '2026-12-01', gemeente: 'Utrecht' }, ProblemType.REPLAY_BAD_SELECTION.type, '--gemeente'],
      [{ from: '2026-11-01', to: '2026-12-01', dryRun: 'no' }, ProblemType.BAD_REQUEST.type, 'dryRun'],
      [{ from: '2026-11-01', to: '2026-12-01', rate: -1 }, ProblemType.BAD_REQUEST.type, 'rate'],
      [{ from: 0, to: 10 }, ProblemType.REPLAY_NEEDS_KAFKA.type, 'from'],
      [{ from: '2026-11-01', to: '2026-12-01', source: 'kafka' }, ProblemType.REPLAY_NEEDS_KAFKA.type, 'source'],
    ];
    for (const [body, type, option] of cases) {
      const r = await handleReplayRequest(deps, body, 'ops');
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body).toMatchObject({ type, status: 400, ...(option ? { option } : {}) });
    }
  });
});
