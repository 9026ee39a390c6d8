/**
 * Replay re-runs the conversation rules against the journal as it stood when each bericht came in
 * (src/replay/decider.ts conversationAsOf): a first start is not judged against the second start
 * that came after it, and the second one's TR326 comes back as it was journaled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayDeciderFor } from '../../src/app/rules.js';
import { pipelineDecider } from '../../src/replay/decider.js';
import { parseSelection } from '../../src/replay/selection.js';
import { journalSource, type ReplayItem } from '../../src/replay/source.js';
import { routeToCounterparty } from '../../src/pipeline/decide-default.js';
import type { ValidateFn } from '../../src/pipeline/types.js';
import { validateBericht } from '../../src/validation/validate.js';
import { bericht, testBsn } from '../kafka/fixtures.js';
import { KEYS, STORES, post, startGateway, type Gateway } from '../gateway/harness.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const TODAY = '2026-12-01';

const rulesOf = (d: { reasons: readonly { rule: string }[] }): string[] => d.reasons.map((r) => r.rule);

describe.each(STORES)('replay and the conversation rules on %s', (store) => {
  let gw: Gateway;
  const ids: string[] = [];
  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => NOW });
    const bsn = testBsn(8300);
    for (const [id, ident, key] of [
      ['JW301', 'RPT1', KEYS.gemeente0384],
      ['JW305', 'RPS1', KEYS.aanbieder42420001],
      ['JW305', 'RPS2', KEYS.aanbieder42420001],
    ] as const) {
      const r = await post(gw, bericht({ id, identificatie: ident, bsn }), key);
      expect(r.status, r.text).toBe(202);
      ids.push(r.json().id);
    }
  });
  afterAll(async () => {
    await gw?.close();
  });

  async function items(): Promise<ReplayItem[]> {
    const out: ReplayItem[] = [];
    for await (const page of journalSource(gw.db, parseSelection({ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' })))
      out.push(...page);
    return out;
  }

  it('re-decides each start against the state before it: the first passes, the second carries TR326 again', async () => {
    const decider = await replayDeciderFor(gw.db, { today: TODAY });
    const byId = new Map((await items()).map((i) => [i.id, i]));
    const first = await decider.decide(byId.get(ids[1]!)!);
    const second = await decider.decide(byId.get(ids[2]!)!);
    expect(rulesOf(first)).not.toContain('TR326');
    expect(rulesOf(second)).toContain('TR326');
    expect(second.conversatie?.findings.map((f) => f.rule)).toContain('TR326');
    // The toewijzing before the first start is in its state: no TR019 (start without a toewijzing).
    expect(rulesOf(first)).not.toContain('TR019');
  });

  it('without the as-of state the first start would be judged against the second (what the bound prevents)', async () => {
    const { conversationState } = await import('../../src/pipeline/conversation-state.js');
    const unbounded = pipelineDecider({
      decide: routeToCounterparty,
      validate: validateBericht as ValidateFn,
      today: TODAY,
      db: gw.db,
      conversationAsOf: () => conversationState(gw.db),
    });
    const byId = new Map((await items()).map((i) => [i.id, i]));
    expect(rulesOf(await unbounded.decide(byId.get(ids[1]!)!))).toContain('TR326');
  });
});
