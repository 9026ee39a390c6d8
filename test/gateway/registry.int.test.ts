/**
 * The real decision core behind the gateway: `serve` with SLUIS_REGISTRY wires registryDecide; here
 * the same composition over the demo registry, over HTTP, on both stores.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistryFile } from '../../src/contracts/load.js';
import { createRegistryChecker } from '../../src/contracts/registry.js';
import { registryDecide } from '../../src/pipeline/decide-registry.js';
import { journalState } from '../../src/pipeline/journal-state.js';
import type { AsyncDecisionState } from '../../src/decision/state.js';
import { KEYS, STORES, call, post, sample, startGateway, type Gateway } from './harness.js';

describe.each(STORES)('gateway with the contract registry on %s', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    const check = await loadRegistryFile(resolve(import.meta.dirname, '../../config/demo.registry.json'), createRegistryChecker());
    if (!check.ok) throw new Error('demo registry invalid');
    const registry = check.registry;
    // The state reads the gateway's own journal; the db exists only once the gateway started.
    const holder: { state?: AsyncDecisionState } = {};
    gw = await startGateway(store, { decide: (input) => registryDecide(registry, holder.state)(input) });
    holder.state = journalState(gw.db);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('journals the core decision with its reasons and routes by it', async () => {
    const r = await post(gw, sample('JW301'), KEYS.gemeente0384);
    expect(r.status).toBe(202);
    const b = r.json();
    expect(b.decision.action).toBe('route');
    expect(b.decision.addressee).toBe('42420001');
    expect(b.decision.reasons.map((x: { rule: string }) => x.rule)).not.toContain('no-contract-registry');
    expect(b.decision.reasons[0]).toMatchObject({ rule: expect.any(String), text: expect.any(String), severity: expect.any(String) });
    const stored = (await call(gw, 'GET', `/api/v1/berichten/${b.id}`, { key: KEYS.operator })).json();
    expect(stored.decision).toEqual(b.decision);
    expect(
      (await call(gw, 'GET', '/api/v1/postbus', { key: KEYS.aanbieder42420001 })).json().items.map((i: { id: string }) => i.id),
    ).toContain(b.id);
  });

  it('a retour follows its journaled heenbericht (state from the journal)', async () => {
    // JW302 answers the sample JW301 (same header); it goes back to the gemeente because its 301 was routed.
    const r = await post(gw, sample('JW302'), KEYS.aanbieder42420001);
    expect(r.status).toBe(202);
    const b = r.json();
    expect(b.decision).toMatchObject({ action: 'route', addressee: '0384' });
    expect(b.decision.reasons.map((x: { rule: string }) => x.rule)).toContain('RET-HEEN');
  });
});
