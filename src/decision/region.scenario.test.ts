/**
 * The region scenario at core level: real berichten (the repository's samples, re-addressed and
 * re-dated), decided in sequence with a state that records each decision as the journal would, and
 * the resulting postbus of every party. The steps live in test/e2e/region.steps.ts: the gateway
 * end-to-end test (test/e2e/region.e2e.int.test.ts) posts the very same berichten over HTTP with
 * `test/fixtures/region.registry.json` and asserts the same postbus contents.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRegistryChecker } from '../contracts/registry.js';
import { EXPECTED_POSTBUS, REGION_REGISTRY_FILE, REGION_TODAY as TODAY, STEPS as steps } from '../../test/e2e/region.steps.js';
import { decide } from './decide.js';
import type { Decision } from './decision.js';
import { MemoryState } from './state.js';
import { summarize, type BerichtSummary } from './summary.js';

const reg = createRegistryChecker().check(JSON.parse(readFileSync(REGION_REGISTRY_FILE, 'utf8')), 'region');
if (!reg.ok) throw new Error('region fixture');

describe('region Lekstroom scenario (core level)', () => {
  it('decides every bericht as the policy card says and fills each postbus accordingly', () => {
    const state = new MemoryState();
    const postbus = new Map<string, number[]>();
    const log: { nr: number; summary: BerichtSummary; decision: Decision }[] = [];
    for (const step of steps) {
      const { message, bericht } = step.build();
      const summary = summarize(message, bericht);
      const decision = decide(summary, reg.registry, state, TODAY);
      state.record(summary, decision);
      log.push({ nr: step.nr, summary, decision });
      expect({ nr: step.nr, action: decision.action, addressee: decision.addressee }, step.what).toEqual({
        nr: step.nr,
        action: step.expect.action,
        addressee: step.expect.addressee,
      });
      expect(
        decision.reasons.map((r) => r.rule),
        step.what,
      ).toContain(step.expect.rule);
      if (decision.action === 'route' && decision.addressee)
        postbus.set(decision.addressee, [...(postbus.get(decision.addressee) ?? []), step.nr]);
    }
    expect(Object.fromEntries(postbus)).toEqual(EXPECTED_POSTBUS);
    expect(EXPECTED_POSTBUS).toEqual({ '0321': [2, 3, 5, 9, 12, 15, 17], 11110001: [1], 22220001: [6, 10] });
    // Every suppressed or refused bericht names its contract (or says there is none) and a rule.
    for (const { nr, decision } of log.filter((l) => l.decision.action !== 'route')) {
      const main = decision.reasons.find((r) => r.severity !== 'info');
      expect(main, `step ${nr}`).toBeDefined();
      if (nr !== 16) expect(decision.contractIds.length, `step ${nr}`).toBeGreaterThan(0);
    }
    expect(log.find((l) => l.nr === 5)!.decision.tags).toContain('woonplaatscheck');
    expect(log.find((l) => l.nr === 6)!.decision.tags).toContain('woonplaatscheck');
    expect(log.find((l) => l.nr === 10)!.decision.tags).toContain('naar-hoofdaannemer');
    expect(JSON.stringify(log)).not.toMatch(/\b9999\d{5}\b/);
  });
});
