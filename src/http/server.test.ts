import { request, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, createRequestListener, listen } from './server.js';
import { BodyTooLargeError, type HttpRequest, type HttpResponse } from './router.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeServer));
});

async function serve(handle: (req: HttpRequest) => Promise<HttpResponse>, onError?: (err: unknown) => void): Promise<number> {
  const { server, port } = await listen(createRequestListener(handle, onError), 0, '127.0.0.1');
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
