/** The gateway's clock is injected everywhere it reads the time: the moment a bericht is received too. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bericht, testBsn } from '../kafka/fixtures.js';
import { KEYS, call, post, startGateway, type Gateway } from './harness.js';

const NOW = new Date('2026-03-29T00:59:30Z');

describe('received at the injected clock (pglite)', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway('pglite', { clock: () => NOW });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('journals receivedAt from the clock, not from the host', async () => {
    const r = await post(gw, bericht({ id: 'JW301', identificatie: 'CLOCK1', bsn: testBsn(8200) }), KEYS.gemeente0384);
    expect(r.status, r.text).toBe(202);
    const stored = (await call(gw, 'GET', `/api/v1/berichten/${r.json().id}`, { key: KEYS.operator })).json();
    expect(new Date(stored.receivedAt).toISOString()).toBe(NOW.toISOString());
  });
});
