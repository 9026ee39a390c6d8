/**
 * A bericht for a party code no parties config names reaches nobody: by default it is refused with a
 * reason the sender reads (before, it was routed into a postbus nobody could open); with
 * SLUIS_UNKNOWN_ADDRESSEE=route it waits in that postbus for the party to be configured.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, STORES, post, sample, startGateway, withIdentificatie, type Gateway } from './harness.js';

const toUnknown = (id: string): string =>
  withIdentificatie(sample('JW301'), id).replace(/(<[a-z0-9]+:Ontvanger>)42420001(<\/)/, '$187654321$2');

describe.each(STORES)('a bericht for a party nobody configured (%s)', (store) => {
  let gw: Gateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('is refused by default, with the reason, and is in no postbus', async () => {
    gw = await startGateway(store);
    const r = await post(gw, toUnknown('UNK1'), KEYS.gemeente0384);
    expect(r.status).toBe(202);
    const b = r.json();
    expect(b.status).toBe('geweigerd');
    expect(b.decision.action).toBe('refuse');
    expect(b.decision.reasons[0]).toMatchObject({ rule: 'unknown-addressee', severity: 'error' });
    expect(b.decision.reasons[0].text).toContain('87654321');
    const postbus = await gw.db.query<{ n: string | number }>('SELECT count(*) AS n FROM postbus');
    expect(Number(postbus.rows[0]!.n)).toBe(0);
    // A known addressee is routed as before.
    const ok = await post(gw, withIdentificatie(sample('JW301'), 'UNK2'), KEYS.gemeente0384);
    expect(ok.json()).toMatchObject({ status: 'klaargezet', decision: { action: 'route', addressee: '42420001' } });
  });

  it('is routed to its postbus with SLUIS_UNKNOWN_ADDRESSEE=route', async () => {
    gw = await startGateway(store, { env: { SLUIS_UNKNOWN_ADDRESSEE: 'route' } });
    const r = await post(gw, toUnknown('UNK3'), KEYS.gemeente0384);
    expect(r.json()).toMatchObject({ status: 'klaargezet', decision: { action: 'route', addressee: '87654321' } });
  });
});
