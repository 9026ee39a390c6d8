/**
 * Regression: an operator replay over HTTP applied "today's rules" for the UTC date, a day behind
 * between 00:00 and 02:00 in the Netherlands. The day now comes from the gateway's one clock
 * (src/app/clock.ts), read when the replay starts, and the report says which day it was.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../gateway/harness.js';
import { startRegionGateway, type RegionGateway } from './gateway.js';
import { REGION_REGISTRY_FILE, ROOT } from './region.steps.js';

const OPERATOR = 'e2e-key-beheer-0123456789abcdef';

describe('an operator replay applies the rules of the day in Amsterdam', () => {
  let gw: RegionGateway;
  let now = new Date('2026-12-07T10:00:00Z');

  beforeAll(async () => {
    gw = await startRegionGateway('pglite', {
      registryFile: REGION_REGISTRY_FILE,
      partiesFile: join(ROOT, 'test/e2e/region.parties.json'),
      cwd: ROOT,
      clock: () => now,
    });
  });
  afterAll(async () => {
    await gw?.close();
  });

  const replay = async (): Promise<{ rulesDate?: string; startedAt: string }> => {
    const res = await call(gw, 'POST', '/api/v1/replays', {
      key: OPERATOR,
      contentType: 'application/json',
      body: JSON.stringify({ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }),
    });
    expect(res.status).toBe(200);
    return res.json();
  };

  it('reads the clock when the replay starts, and takes the date in Europe/Amsterdam', async () => {
    expect((await replay()).rulesDate).toBe('2026-12-07');
    // 23:30 UTC on 7 December is 00:30 on 8 December in Amsterdam (CET, UTC+1).
    now = new Date('2026-12-07T23:30:00Z');
    const late = await replay();
    expect(late.rulesDate).toBe('2026-12-08');
    expect(late.startedAt.slice(0, 10)).toBe('2026-12-07');
    // Summer time (CEST, UTC+2): 22:15 UTC on 30 June is already 1 July.
    now = new Date('2026-06-30T22:15:00Z');
    expect((await replay()).rulesDate).toBe('2026-07-01');
  });
});
