/**
 * Without SLUIS_REGISTRY the contracten routes exist (the OpenAPI document lists them) but say there
 * is no registry; wrong methods get 405 with Allow; a hoofdaannemer cannot post for a gemeente
 * (no contract can allow it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, call, post, sample, startGateway, type Gateway } from '../gateway/harness.js';

describe('contracten without a registry', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('answers 404 not-found naming SLUIS_REGISTRY, after authentication', async () => {
    expect((await call(gw, 'GET', '/api/v1/contracten')).status).toBe(401);
    for (const [method, path] of [
      ['GET', '/api/v1/contracten'],
      ['GET', '/api/v1/contracten/X'],
      ['PUT', '/api/v1/contracten/X'],
      ['PUT', '/api/v1/contracten'],
    ] as const) {
      const r = await call(gw, method, path, {
        key: KEYS.operator,
        ...(method === 'PUT' ? { body: '{}', contentType: 'application/json' } : {}),
      });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.json(), `${method} ${path}`).toMatchObject({
        type: 'urn:sluis:problem:not-found',
        detail: expect.stringContaining('SLUIS_REGISTRY'),
      });
    }
  });

  it('405 with Allow for other methods', async () => {
    const r = await call(gw, 'DELETE', '/api/v1/contracten/X', { key: KEYS.operator });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, PUT');
  });

  it('a party other than the sender still gets 403 forbidden-sender', async () => {
    const r = await post(gw, sample('JW301'), KEYS.aanbieder65656055);
    expect(r.status).toBe(403);
    expect(r.json().type).toBe('urn:sluis:problem:forbidden-sender');
  });
});
