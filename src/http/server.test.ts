import { Agent, request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, createRequestListener, listen } from './server.js';
import { BodyAbortedError, BodyTooLargeError, bodyErrorResponse, type HttpRequest, type HttpResponse } from './router.js';
import { BodyBudget, type BodyLimits } from './body-budget.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => closeServer(s)));
});

async function serve(
  handle: (req: HttpRequest) => Promise<HttpResponse>,
  onError?: (err: unknown) => void,
  bodies?: { budget: BodyBudget; limits: BodyLimits },
): Promise<number> {
  const { server, port } = await listen(createRequestListener(handle, onError, bodies), 0, '127.0.0.1');
  servers.push(server);
  return port;
}

function call(
  port: number,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the node:http adapter', () => {
  it('hands the router path, query, lower-case headers and the body, and writes status, headers and body back', async () => {
    let seen: { method: string; path: string; q: string | null; h: string | undefined; body: string } | undefined;
    const port = await serve(async (req) => {
      const body = Buffer.from(await req.readBody(1000)).toString('utf8');
      seen = { method: req.method, path: req.path, q: req.query.get('after'), h: req.headers['x-test'], body };
      return { status: 202, headers: { 'content-type': 'application/json', 'api-version': '1.0.0' }, body: '{"ok":true}' };
    });
    const r = await call(port, 'POST', '/api/v1/berichten?after=7', 'abc', { 'X-Test': 'yes' });
    expect(seen).toEqual({ method: 'POST', path: '/api/v1/berichten', q: '7', h: 'yes', body: 'abc' });
    expect(r.status).toBe(202);
    expect(r.headers['api-version']).toBe('1.0.0');
    expect(r.headers['x-powered-by']).toBeUndefined();
    expect(r.body).toBe('{"ok":true}');
  });

  it('answers 500 problem+json when the handler throws synchronously, rejects or returns an unwritable response, tells onError, and keeps serving', async () => {
    let n = 0;
    const errors: string[] = [];
    const port = await serve(
      (req) => {
        n++;
        if (req.path === '/sync') throw new Error('sync bug');
        if (req.path === '/async') return Promise.reject(new Error('async bug'));
        if (req.path === '/header') return Promise.resolve({ status: 200, headers: { 'x-bad': 'line\nbreak' } });
        return Promise.resolve({ status: 200, body: 'fine' });
      },
      (err) => {
        errors.push(err instanceof Error ? err.message : String(err));
      },
    );
    for (const path of ['/sync', '/async', '/header']) {
      const r = await call(port, 'GET', path);
      expect(r.status).toBe(500);
      expect(r.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(r.body)).toMatchObject({ type: 'urn:sluis:problem:internal', status: 500 });
    }
    expect((await call(port, 'GET', '/ok')).body).toBe('fine');
    expect(n).toBe(4);
    expect(errors.slice(0, 2)).toEqual(['sync bug', 'async bug']);
    expect(errors[2]).toMatch(/x-bad/);
    expect(errors).toHaveLength(3);
  });

  it('closes the connection after answering a POST whose body it did not read', async () => {
    const port = await serve(async (req) => {
      if (req.path === '/big')
        await req.readBody(2).catch((e: unknown) => {
          if (!(e instanceof BodyTooLargeError)) throw e;
        });
      return { status: 413 };
    });
    expect((await call(port, 'POST', '/unread', 'x'.repeat(100))).headers['connection']).toBe('close');
    expect((await call(port, 'POST', '/big', 'x'.repeat(100000))).headers['connection']).toBe('close');
  });

  it('rejects listen on a port already in use instead of throwing later', async () => {
    const port = await serve(() => Promise.resolve({ status: 200 }));
    await expect(
      listen(
        createRequestListener(() => Promise.resolve({ status: 200 })),
        port,
        '127.0.0.1',
      ),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

/** A POST that sends `first` bytes now and the rest only when told; `chunked` leaves Content-Length out. */
function slowPost(port: number, length: number, first: number, o: { chunked?: boolean } = {}) {
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/',
    headers: o.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(length) },
  });
  const answer = new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
  });
  if (first > 0) req.write(Buffer.alloc(first, 'x'));
  else req.flushHeaders();
  return { req, answer, rest: () => req.end(Buffer.alloc(length - first, 'x')) };
}

const until = async (ok: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the budget for bodies in flight', { timeout: 10_000 }, () => {
  const limits = (o: Partial<BodyLimits> = {}): BodyLimits => ({ budgetBytes: 1000, idleMs: 5000, deadlineMs: 10_000, ...o });
  const reading =
    (seen: unknown[] = []) =>
    async (req: HttpRequest): Promise<HttpResponse> => {
      try {
        const body = await req.readBody(10_000);
        return { status: 200, body: String(body.length) };
      } catch (e) {
        seen.push(e);
        const r = bodyErrorResponse(e);
        if (!r) throw e;
        return r;
      }
    };

  it('refuses a body whose declared size does not fit with 503 + Retry-After, keeps the one in flight, and returns to 0', async () => {
    const budget = new BodyBudget(1000);
    const port = await serve(reading(), undefined, { budget, limits: limits() });
    const first = slowPost(port, 800, 100);
    await until(() => budget.inFlight === 800);
    const second = await slowPost(port, 400, 0).answer;
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBe('2');
    expect(second.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(second.body)).toMatchObject({ type: 'urn:sluis:problem:unavailable', status: 503 });
    expect(budget.inFlight).toBe(800);
    first.rest();
    expect(await first.answer).toMatchObject({ status: 200, body: '800' });
    await until(() => budget.inFlight === 0);
    expect((await call(port, 'POST', '/', 'x'.repeat(400))).status).toBe(200);
    expect(budget.inFlight).toBe(0);
    expect(budget.highWater).toBe(800);
  });

  it('refuses a body without Content-Length when it grows past what is left (503), and gives its bytes back', async () => {
    const budget = new BodyBudget(1000);
    const port = await serve(reading(), undefined, { budget, limits: limits() });
    const held = slowPost(port, 700, 100);
    await until(() => budget.inFlight === 700);
    const growing = slowPost(port, 600, 200, { chunked: true });
    await until(() => budget.inFlight === 900);
    growing.rest();
    expect((await growing.answer).status).toBe(503);
    await until(() => budget.inFlight === 700);
    held.rest();
    expect((await held.answer).status).toBe(200);
    await until(() => budget.inFlight === 0);
  });

  it('answers 408 to a body that stalls and to one that misses its deadline, and gives their bytes back', async () => {
    const budget = new BodyBudget(10_000);
    const port = await serve(reading(), undefined, { budget, limits: limits({ budgetBytes: 10_000, idleMs: 150, deadlineMs: 400 }) });
    const stalled = slowPost(port, 500, 10);
    const r = await stalled.answer;
    expect(r.status).toBe(408);
    expect(JSON.parse(r.body)).toMatchObject({ type: 'urn:sluis:problem:request-timeout', status: 408 });
    expect(r.headers['connection']).toBe('close');
    stalled.req.destroy();
    await until(() => budget.inFlight === 0);

    const trickle = slowPost(port, 500, 1);
    const timer = setInterval(() => {
      if (!trickle.req.destroyed) trickle.req.write('x');
    }, 50);
    try {
      expect((await trickle.answer).status).toBe(408);
    } finally {
      clearInterval(timer);
      trickle.req.destroy();
    }
    await until(() => budget.inFlight === 0);
  });

  it('gives the bytes of a client that goes away mid-body back', async () => {
    const budget = new BodyBudget(10_000);
    const seen: unknown[] = [];
    const port = await serve(reading(seen), undefined, { budget, limits: limits({ budgetBytes: 10_000 }) });
    const gone = slowPost(port, 5000, 100);
    gone.answer.catch(() => undefined);
    await until(() => budget.inFlight === 5000);
    gone.req.destroy();
    await until(() => budget.inFlight === 0);
    await until(() => seen.length === 1);
    expect(seen[0]).toBeInstanceOf(BodyAbortedError);
  });
});

describe('closeServer', () => {
  it('ends keep-alive connections when their response is written, without waiting for keepAliveTimeout', async () => {
    const { server, port } = await listen(
      createRequestListener(async (req) => {
        if (req.path === '/slow') await new Promise((r) => setTimeout(r, 300));
        return { status: 200, body: 'ok' };
      }),
      0,
      '127.0.0.1',
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    const get = (path: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get('/fast')).toBe(200); // leaves an idle keep-alive connection
    const slow = get('/slow'); // busy when the server closes
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await closeServer(server, { graceMs: 30_000 });
    // keepAliveTimeout is 65 s: without the sweep the close would wait for it.
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await slow).toBe(200);
    agent.destroy();
  });
});
