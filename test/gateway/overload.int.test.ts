/**
 * The "unbounded memory" attack, bounded: many concurrent large uploads that send half their body and
 * then stall (loopback only, a few seconds). With a 32 MiB budget for bodies in flight the process's
 * RSS stays under the budget plus a margin (unbounded, the same 40 uploads would hold 240 MiB), the ones
 * that do not fit get 503 + Retry-After, an ordinary JW301 still gets its 202 meanwhile, and once the
 * uploads are gone the budget is back at 0.
 */
import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, STORES, call, post, sample, startGateway, withIdentificatie, type Gateway } from './harness.js';

const MIB = 1024 * 1024;
const BUDGET = 32 * MIB;
const UPLOADS = 40;
const DECLARED = 7 * MIB; // four fit in the budget, with 4 MiB to spare for ordinary berichten
const SENT = 6 * MIB;
/** Room for everything else the test process allocates meanwhile (GC timing, the JW301, sockets). */
const MARGIN = 64 * MIB;

interface SlowUpload {
  readonly req: ClientRequest;
  status?: number;
  retryAfter?: string;
}

/** Declares DECLARED bytes, sends SENT of them and then stalls, until destroyed. */
function slowUpload(url: string, body: Buffer): SlowUpload {
  const u = new URL(`${url}/api/v1/berichten`);
  const req = request({
    host: u.hostname,
    port: u.port,
    path: u.pathname,
    method: 'POST',
    headers: { authorization: `Bearer ${KEYS.aanbieder42420001}`, 'content-type': 'application/xml', 'content-length': String(DECLARED) },
  });
  const up: SlowUpload = { req };
  req.on('response', (res) => {
    up.status = res.statusCode;
    const ra = res.headers['retry-after'];
    if (typeof ra === 'string') up.retryAfter = ra;
    res.resume();
  });
  req.on('error', () => undefined); // refused ones are closed while we still write
  req.write(body.subarray(0, SENT));
  return up;
}

async function inFlight(gw: Gateway): Promise<number> {
  const r = await call(gw, 'GET', '/metrics');
  const m = /^sluis_http_body_bytes_in_flight (\d+)$/m.exec(r.text);
  if (!m) throw new Error('no sluis_http_body_bytes_in_flight gauge');
  return Number(m[1]);
}

const until = async (ok: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(STORES)('many slow large uploads on %s', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store, { env: { SLUIS_BODY_BUDGET_BYTES: String(BUDGET) } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('keep RSS under the budget plus a margin, leave room for a JW301, and give the budget back', { timeout: 60_000 }, async () => {
    // Warm up: the first post loads the validation tables, which is not what this test measures.
    expect((await post(gw, withIdentificatie(sample('JW301'), 'WARM'), KEYS.gemeente0384)).status).toBe(202);
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);

    const body = Buffer.alloc(SENT, 0x20); // one buffer for every upload: the client side adds nothing per upload
    const uploads = Array.from({ length: UPLOADS }, () => slowUpload(gw.url, body));
    try {
      const admitted = Math.floor(BUDGET / DECLARED);
      await until(() => uploads.filter((u) => u.status === 503).length === UPLOADS - admitted);
      expect(uploads.filter((u) => u.status === 503).every((u) => u.retryAfter === '2')).toBe(true);
      expect(await inFlight(gw)).toBe(admitted * DECLARED);

      // An ordinary bericht still fits beside them and is taken in.
      const r = await post(gw, withIdentificatie(sample('JW301'), 'OVERLOAD1'), KEYS.gemeente0384);
      expect(r.status).toBe(202);
      expect(await inFlight(gw)).toBe(admitted * DECLARED);
    } finally {
      clearInterval(sampler);
      for (const u of uploads) u.req.destroy();
    }
    expect(peak - baseline).toBeLessThan(BUDGET + MARGIN);
    await until(async () => (await inFlight(gw)) === 0);
  });
});
