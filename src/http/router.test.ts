import { describe, expect, it } from 'vitest';
import { BodyAbortedError, CLIENT_CLOSED_STATUS, createRouter, type HttpRequest, type Route } from './router.js';

function req(method: string, target: string, readBody: HttpRequest['readBody'] = () => Promise.resolve(new Uint8Array())): HttpRequest {
  const [path, q] = target.split('?');
  return { method, path: path!, query: new URLSearchParams(q ?? ''), headers: {}, receivedAt: new Date(), readBody };
}

describe('router', () => {
  const routes: Route[] = [
    { method: 'GET', path: '/a', query: ['limit'], handler: async () => ({ status: 200 }) },
    { method: 'GET', path: '/none', handler: async () => ({ status: 200 }) },
    { method: 'POST', path: '/upload', handler: async (r) => ({ status: 202, body: await r.readBody(10) }) },
  ];

  it('refuses a query parameter the route does not take with 400 problem+json naming it, on every route', async () => {
    const errors: unknown[] = [];
    const router = createRouter(routes, (e) => errors.push(e));
    expect((await router(req('GET', '/a?limit=1'))).status).toBe(200);
    for (const [target, name] of [
      ['/a?limt=1', 'limt'],
      ['/none?debug=1', 'debug'],
      ['/a?limit=1&limit=2', 'limit'],
    ] as const) {
      const r = await router(req('GET', target));
      expect(r.status, target).toBe(400);
      expect(r.headers?.['content-type']).toBe('application/problem+json');
      expect(JSON.parse(String(r.body))).toMatchObject({
        type: 'urn:sluis:problem:bad-request',
        detail: expect.stringContaining(`'${name}'`),
      });
    }
    expect(errors).toEqual([]);
  });

  it('a client gone during the upload is not an internal error: not reported, not a 500', async () => {
    const errors: unknown[] = [];
    const router = createRouter(routes, (e) => errors.push(e));
    const r = await router(req('POST', '/upload', () => Promise.reject(new BodyAbortedError())));
    expect(r.status).toBe(CLIENT_CLOSED_STATUS);
    expect(errors).toEqual([]);
  });
});
