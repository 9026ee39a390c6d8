/**
 * The OpenAPI document is true: every route is in it and every operation in it is a route; path
 * parameters are declared; every status code and content type the gateway answers with below is
 * declared for its operation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemType } from '../../src/outcomes.js';
import { makeZip } from '../support/zip.js';
import { KEYS, call, sample, startGateway, withBsn, withIdentificatie, type Gateway, type Res } from './harness.js';

type Op = { responses: Record<string, { $ref?: string; content?: Record<string, unknown> }>; parameters?: { name: string; in: string }[] };
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Op>>;
  components: {
    responses: Record<string, { content: Record<string, unknown> }>;
    schemas: {
      Problem: { properties: { type: { enum: string[] } } };
      Decision: { required: string[]; properties: { reasons: { items: { required: string[] } } } };
    };
  };
};

describe('OpenAPI 3.1 document', () => {
  let gw: Gateway;
  let doc: Doc;
  beforeAll(async () => {
    gw = await startGateway('pglite');
    const r = await call(gw, 'GET', '/api/v1/openapi.json');
    expect(r.status).toBe(200);
    doc = r.json();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('is OpenAPI 3.1 and lists exactly the routes the router serves', () => {
    expect(doc.openapi).toBe('3.1.0');
    const served = gw.app.routes.map((r) => `${r.method} ${r.path}`).sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(documented).toEqual(served);
  });

  it('declares exactly the query parameters each route takes (any other is refused)', () => {
    for (const r of gw.app.routes) {
      const op = doc.paths[r.path]![r.method.toLowerCase()]!;
      const declared = (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name);
      expect(declared.sort(), `${r.method} ${r.path}`).toEqual([...(r.query ?? [])].sort());
      expect(op.responses['400'], `${r.method} ${r.path}`).toBeDefined();
    }
  });

  it('declares every path parameter, and every problem type', () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        const declared = (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name);
        expect(declared.sort()).toEqual(names.sort());
      }
    }
    expect(doc.components.schemas.Problem.properties.type.enum.sort()).toEqual(
      Object.values(ProblemType)
        .map((p) => p.type)
        .sort(),
    );
  });

  it('a decision has every field the Decision schema requires, in the answer and when read back', async () => {
    const schema = doc.components.schemas.Decision;
    expect(schema.required).toEqual(['action', 'reasons', 'tags', 'contractIds', 'items']);
    expect(schema.properties.reasons.items.required).toEqual(['rule', 'text', 'severity']);
    const posted = await call(gw, 'POST', '/api/v1/berichten', { key: KEYS.gemeente0384, body: withIdentificatie(sample('JW301'), 'OA3') });
    const read = await call(gw, 'GET', `/api/v1/berichten/${posted.json().id as string}`, { key: KEYS.gemeente0384 });
    for (const d of [posted.json().decision, read.json().decision] as Record<string, unknown>[]) {
      for (const f of schema.required) expect(d, f).toHaveProperty(f);
      for (const r of d['reasons'] as Record<string, unknown>[])
        for (const f of schema.properties.reasons.items.required) expect(r, f).toHaveProperty(f);
    }
  });

  it('every answer observed is declared (status and content type)', async () => {
    const seen: { method: string; path: string; res: Res }[] = [];
    const hit = async (method: string, path: string, template: string, opts: Parameters<typeof call>[3] = {}): Promise<Res> => {
      const res = await call(gw, method, path, opts);
      seen.push({ method, path: template, res });
      return res;
    };
    const xml = withIdentificatie(sample('JW301'), 'OA1');
    const id = (await hit('POST', '/api/v1/berichten', '/api/v1/berichten', { key: KEYS.gemeente0384, body: xml })).json().id as string;
    await hit('POST', '/api/v1/berichten', '/api/v1/berichten', { key: KEYS.gemeente0384, body: '<x' });
    await hit('POST', '/api/v1/berichten', '/api/v1/berichten', { body: xml });
    await hit('POST', '/api/v1/berichten', '/api/v1/berichten', { key: KEYS.gemeente0363, body: xml });
    await hit('POST', '/api/v1/berichten', '/api/v1/berichten', { key: KEYS.gemeente0384, body: xml, contentType: 'text/plain' });
    await hit('POST', '/api/v1/berichten', '/api/v1/berichten', {
      key: KEYS.gemeente0384,
      body: withIdentificatie(xml, 'OA2').replace('<jw301:Bsn>999900006', '<jw301:Bsn>999999999'),
      accept: 'application/xml',
    });
    await hit('GET', '/api/v1/berichten?limit=5', '/api/v1/berichten', { key: KEYS.operator });
    await hit('GET', '/api/v1/berichten?status=x', '/api/v1/berichten', { key: KEYS.operator });
    await hit('GET', '/api/v1/berichten', '/api/v1/berichten', {});
    for (const [sub, t] of [
      ['', '/api/v1/berichten/{id}'],
      ['/xml', '/api/v1/berichten/{id}/xml'],
      ['/retour', '/api/v1/berichten/{id}/retour'],
    ] as const) {
      await hit('GET', `/api/v1/berichten/${id}${sub}`, t, { key: KEYS.gemeente0384 });
      await hit('GET', `/api/v1/berichten/${id}${sub}`, t, { key: KEYS.gemeente0363 });
      await hit('GET', `/api/v1/berichten/${id}${sub}`, t, {});
      await hit('GET', `/api/v1/berichten/01ARZ3NDEKTSV4RRFFQ69G5FAV${sub}`, t, { key: KEYS.operator });
    }
    await hit('GET', '/api/v1/postbus?limit=2', '/api/v1/postbus', { key: KEYS.aanbieder42420001 });
    await hit('GET', '/api/v1/postbus?after=zz', '/api/v1/postbus', { key: KEYS.aanbieder42420001 });
    await hit('GET', '/api/v1/postbus', '/api/v1/postbus', { key: KEYS.operator });
    await hit('GET', '/api/v1/postbus', '/api/v1/postbus', {});
    await hit('POST', `/api/v1/postbus/${id}/ontvangst`, '/api/v1/postbus/{id}/ontvangst', { key: KEYS.aanbieder42420001 });
    await hit('POST', `/api/v1/postbus/${id}/ontvangst`, '/api/v1/postbus/{id}/ontvangst', { key: KEYS.aanbieder65656055 });
    await hit('POST', `/api/v1/postbus/${id}/ontvangst`, '/api/v1/postbus/{id}/ontvangst', { key: KEYS.operator });
    await hit('POST', `/api/v1/postbus/${id}/ontvangst`, '/api/v1/postbus/{id}/ontvangst', {});
    await hit('GET', '/api/v1/termijnen?status=open&limit=5', '/api/v1/termijnen', { key: KEYS.aanbieder42420001 });
    await hit('GET', '/api/v1/termijnen?status=dicht', '/api/v1/termijnen', { key: KEYS.operator });
    await hit('GET', '/api/v1/termijnen', '/api/v1/termijnen', {});
    // Batches: a zip with an accepted and an L2-rejected file, a refused archive, and the reads.
    const zip = makeZip([
      { name: 'a.xml', text: withIdentificatie(xml, 'OB1') },
      { name: 'b.xml', text: withBsn(withIdentificatie(xml, 'OB2'), '999999999') },
    ]);
    const zipped = { body: zip, contentType: 'application/zip' };
    const bid = (await hit('POST', '/api/v1/batches', '/api/v1/batches', { key: KEYS.gemeente0384, ...zipped })).json().id as string;
    await hit('POST', '/api/v1/batches', '/api/v1/batches', {
      key: KEYS.gemeente0384,
      body: makeZip([{ name: 'd/a.xml', text: xml }]),
      contentType: 'application/zip',
    });
    await hit('POST', '/api/v1/batches', '/api/v1/batches', { key: KEYS.operator, ...zipped });
    await hit('POST', '/api/v1/batches', '/api/v1/batches', { ...zipped });
    await hit('POST', '/api/v1/batches', '/api/v1/batches', { key: KEYS.gemeente0384, body: xml });
    for (const [sub, t] of [
      ['', '/api/v1/batches/{id}'],
      ['/retouren/2', '/api/v1/batches/{id}/retouren/{index}'],
      ['/retouren/1', '/api/v1/batches/{id}/retouren/{index}'],
      ['/retouren.zip', '/api/v1/batches/{id}/retouren.zip'],
    ] as const) {
      await hit('GET', `/api/v1/batches/${bid}${sub}`, t, { key: KEYS.gemeente0384 });
      await hit('GET', `/api/v1/batches/${bid}${sub}`, t, { key: KEYS.gemeente0363 });
      await hit('GET', `/api/v1/batches/${bid}${sub}`, t, {});
    }
    await hit('GET', '/api/v1/batches/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/api/v1/batches/{id}', { key: KEYS.operator });
    for (const p of ['/api/v1/openapi.json', '/health/live', '/health/ready', '/metrics']) await hit('GET', p, p);

    const statuses = new Set(seen.map((s) => s.res.status));
    for (const s of [200, 201, 202, 400, 401, 403, 404, 415]) expect(statuses).toContain(s);
    for (const s of seen) {
      const op = doc.paths[s.path]?.[s.method.toLowerCase()];
      expect(op, `${s.method} ${s.path}`).toBeDefined();
      const declared = op!.responses[String(s.res.status)];
      expect(declared, `${s.method} ${s.path} → ${s.res.status}`).toBeDefined();
      const content = declared!.$ref ? doc.components.responses[declared!.$ref.split('/').pop()!]!.content : (declared!.content ?? {});
      const ct = (s.res.headers.get('content-type') ?? '').split(';')[0]!;
      expect(Object.keys(content), `${s.method} ${s.path} → ${s.res.status} ${ct}`).toContain(ct);
    }
  });
});
