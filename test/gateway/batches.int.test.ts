/**
 * Batches through the running gateway, on PGlite and PostgreSQL: a zip of 200 files with mixed
 * outcomes (valid, not well-formed, XSD-invalid, L2-invalid with a retourbericht, not the poster's, not
 * XML), each file's result checked against what POST /api/v1/berichten would have said; the batch
 * resource, its retourberichten one at a time and as a zip; party isolation; multipart; and the
 * archives the batch rules refuse whole (folders, password, zip bombs, not a zip), with nothing stored.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../src/app/zip.js';
import { makeZip } from '../support/zip.js';
import {
  KEYS,
  STORES,
  call,
  sample,
  startGateway,
  storeCounts,
  testBsns,
  withBsn,
  withIdentificatie,
  type Gateway,
  type Json,
} from './harness.js';

const TYPE = (slug: string): string => `urn:sluis:problem:${slug}`;
const L1_ORDER = readFileSync(resolve(import.meta.dirname, '../../samples/invalid/L1-element-order.xml'), 'utf8');

async function postBatch(
  gw: Gateway,
  body: Uint8Array,
  key: string | undefined,
  contentType = 'application/zip',
): Promise<{ status: number; headers: Headers; json: Json }> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (key) headers.authorization = `Bearer ${key}`;
  const r = await fetch(`${gw.url}/api/v1/batches`, { method: 'POST', headers, body });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: text ? JSON.parse(text) : undefined };
}

async function getBytes(gw: Gateway, path: string, key: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const r = await fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: r.status, headers: r.headers, bytes: new Uint8Array(await r.arrayBuffer()) };
}

/** What file `i` (0-based) of the big batch is, and what it must come out as. */
type Kind = 'valid' | 'malformed' | 'l1' | 'l2' | 'not-sender' | 'not-xml';
function kindOf(i: number, n: number): Kind {
  if (i === n - 1) return 'not-xml';
  const k = i % 10;
  return k <= 5 ? 'valid' : k === 6 ? 'malformed' : k === 7 ? 'l1' : k === 8 ? 'l2' : 'not-sender';
}

describe.each(STORES)('batches on %s', (store) => {
  let gw: Gateway;
  const N = 200;
  const bsns = testBsns(N);
  const files = Array.from({ length: N }, (_, i) => {
    const kind = kindOf(i, N);
    const id = `B${String(i).padStart(4, '0')}`;
    const j301 = withIdentificatie(sample('JW301'), id);
    const text =
      kind === 'valid'
        ? withBsn(j301, bsns[i]!)
        : kind === 'malformed'
          ? j301.slice(0, 400)
          : kind === 'l1'
            ? L1_ORDER
            : kind === 'l2'
              ? withBsn(j301, '999999999')
              : kind === 'not-sender'
                ? withIdentificatie(sample('JW305'), id)
                : 'Dit is geen bericht maar een notitie.\n';
    return { name: kind === 'not-xml' ? 'notitie.txt' : `${id}-${kind}.xml`, text, kind, deflate: i % 2 === 0 };
  });

  beforeAll(async () => {
    gw = await startGateway(store);
  });
  afterAll(async () => {
    await gw?.close();
  });

  let batch: Json;
  it('a zip of 200 files with mixed outcomes: 201, every file its own outcome, in the batch order', async () => {
    const t0 = performance.now();
    const r = await postBatch(gw, makeZip(files), KEYS.gemeente0384);
    const ms = performance.now() - t0;
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    batch = r.json;
    expect(r.headers.get('location')).toBe(`/api/v1/batches/${batch.id as string}`);
    const count = (k: Kind): number => files.filter((f) => f.kind === k).length;
    expect(batch).toMatchObject({
      submittedBy: '0384',
      source: 'zip',
      counts: { files: N, accepted: count('valid'), rejected: N - count('valid') },
      links: { self: `/api/v1/batches/${batch.id as string}`, retouren: `/api/v1/batches/${batch.id as string}/retouren.zip` },
    });
    expect(batch.files).toHaveLength(N);
    for (const [i, f] of files.entries()) {
      const got = batch.files[i];
      expect(got.index, f.name).toBe(i + 1);
      expect(got.name).toBe(f.name);
      switch (f.kind) {
        case 'valid':
          expect(got, f.name).toMatchObject({ outcome: 'accepted', bericht: 'JW301', status: 'klaargezet', issues: [] });
          expect(got.links).toEqual({ bericht: `/api/v1/berichten/${got.berichtId as string}` });
          break;
        case 'malformed':
        case 'not-xml':
          expect(got, f.name).toMatchObject({
            outcome: 'rejected',
            berichtId: null,
            status: null,
            problem: { type: TYPE('malformed-xml') },
          });
          expect(got.links).toEqual({});
          break;
        case 'l1':
          expect(got, f.name).toMatchObject({ outcome: 'rejected', berichtId: null, problem: { type: TYPE('schema-invalid') } });
          expect(got.issues.length).toBeGreaterThan(0);
          break;
        case 'l2':
          expect(got, f.name).toMatchObject({ outcome: 'rejected', bericht: 'JW301', status: 'afgekeurd' });
          expect(got.issues.map((x: Json) => x.code)).toContain('CS002');
          expect(got.links).toEqual({
            bericht: `/api/v1/berichten/${got.berichtId as string}`,
            retour: `/api/v1/batches/${batch.id as string}/retouren/${i + 1}`,
          });
          break;
        case 'not-sender':
          expect(got, f.name).toMatchObject({ outcome: 'rejected', berichtId: null, problem: { type: TYPE('forbidden-sender') } });
          break;
      }
    }
    console.info(`[batches] ${store}: ${N} files in ${Math.round(ms)} ms (${(ms / N).toFixed(1)} ms a file)`);
  });

  it('each file came out as POST /api/v1/berichten says of it alone (the same problem type or journal row)', async () => {
    for (const i of [0, 6, 7, 8, 9]) {
      const f = files[i]!;
      const got = batch.files[i];
      if (got.berichtId) {
        // Byte-identical again: the journal's idempotency gives back the very row the batch made.
        const again = await call(gw, 'POST', '/api/v1/berichten', { key: KEYS.gemeente0384, body: f.text });
        expect(again.status).toBe(202);
        expect(again.json().id).toBe(got.berichtId);
        expect(again.headers.get('sluis-idempotent-replay')).toBe('true');
      } else {
        const alone = await call(gw, 'POST', '/api/v1/berichten', { key: KEYS.gemeente0384, body: f.text });
        expect(alone.json().type, f.name).toBe(got.problem.type);
      }
    }
  });

  it('GET the batch: the same results, the status as it is now (postbus ontvangst → afgeleverd)', async () => {
    const first = batch.files[0];
    expect((await call(gw, 'POST', `/api/v1/postbus/${first.berichtId as string}/ontvangst`, { key: KEYS.aanbieder42420001 })).status).toBe(
      200,
    );
    const r = await call(gw, 'GET', `/api/v1/batches/${batch.id as string}`, { key: KEYS.gemeente0384 });
    expect(r.status).toBe(200);
    const read = r.json();
    expect(read.files[0].status).toBe('afgeleverd');
    expect({ ...read, files: read.files.slice(1) }).toEqual({ ...batch, files: batch.files.slice(1) });
  });

  it('the retourberichten: one at a time with Content-Disposition, and all in one zip', async () => {
    const l2 = batch.files.filter((f: Json) => f.links.retour);
    expect(l2).toHaveLength(files.filter((f) => f.kind === 'l2').length);
    const one = await getBytes(gw, l2[0].links.retour, KEYS.gemeente0384);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toBe('application/xml');
    const name = (l2[0].name as string).replace(/\.xml$/, '.retour.xml');
    expect(one.headers.get('content-disposition')).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
    const xml = Buffer.from(one.bytes).toString('utf8');
    expect(xml).toMatch(/<[a-z0-9]+:BerichtCode>437</); // JW302, the retour of a JW301
    expect(xml).toMatch(/RetourCode>[0-9]{4}</);
    const sameAsBericht = await call(gw, 'GET', `/api/v1/berichten/${l2[0].berichtId as string}/retour`, { key: KEYS.gemeente0384 });
    expect(sameAsBericht.text).toBe(xml);

    const zip = await getBytes(gw, `/api/v1/batches/${batch.id as string}/retouren.zip`, KEYS.gemeente0384);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('content-disposition')).toContain(`batch-${batch.id as string}-retouren.zip`);
    const entries = readZip(zip.bytes);
    expect(entries.map((e) => e.name)).toEqual(l2.map((f: Json) => (f.name as string).replace(/\.xml$/, '.retour.xml')));
    expect(Buffer.from(entries[0]!.bytes).toString('utf8')).toBe(xml);

    // A file without a retourbericht, and an index that is not in the batch.
    expect((await call(gw, 'GET', `/api/v1/batches/${batch.id as string}/retouren/1`, { key: KEYS.gemeente0384 })).status).toBe(404);
    expect((await call(gw, 'GET', `/api/v1/batches/${batch.id as string}/retouren/9999`, { key: KEYS.gemeente0384 })).status).toBe(404);
    expect((await call(gw, 'GET', `/api/v1/batches/${batch.id as string}/retouren/x`, { key: KEYS.gemeente0384 })).status).toBe(404);
  });

  it('a batch is visible to the party that posted it and to operators only', async () => {
    const id = batch.id as string;
    for (const path of [`/api/v1/batches/${id}`, `/api/v1/batches/${id}/retouren.zip`, `/api/v1/batches/${id}/retouren/9`]) {
      expect((await call(gw, 'GET', path, { key: KEYS.gemeente0363 })).json().type).toBe(TYPE('forbidden'));
      // The addressee of its berichten did not post the batch either.
      expect((await call(gw, 'GET', path, { key: KEYS.aanbieder42420001 })).status).toBe(403);
      expect((await call(gw, 'GET', path, {})).status).toBe(401);
    }
    expect((await call(gw, 'GET', `/api/v1/batches/${id}`, { key: KEYS.operator })).status).toBe(200);
    expect((await call(gw, 'GET', '/api/v1/batches/01ARZ3NDEKTSV4RRFFQ69G5FAV', { key: KEYS.operator })).status).toBe(404);
    expect((await call(gw, 'GET', '/api/v1/batches/nope', { key: KEYS.operator })).status).toBe(404);
  });

  it('multipart/form-data: every part with a filename is a file', async () => {
    const boundary = 'sluis-test-boundary-7MA4YWxk';
    const parts = [
      { name: 'mp-1.xml', text: withBsn(withIdentificatie(sample('JW301'), 'MP1'), bsns[1]!) },
      { name: 'mp-2.xml', text: withBsn(withIdentificatie(sample('JW301'), 'MP2'), '999999999') },
    ];
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="toelichting"\r\n\r\nnot a file\r\n` +
      parts
        .map(
          (p) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.name}"\r\nContent-Type: application/xml\r\n\r\n${p.text}\r\n`,
        )
        .join('') +
      `--${boundary}--\r\n`;
    const r = await postBatch(gw, new TextEncoder().encode(body), KEYS.gemeente0384, `multipart/form-data; boundary=${boundary}`);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ source: 'multipart', counts: { files: 2, accepted: 1, rejected: 1 } });
    expect(r.json.files.map((f: Json) => [f.name, f.outcome, f.status])).toEqual([
      ['mp-1.xml', 'accepted', 'klaargezet'],
      ['mp-2.xml', 'rejected', 'afgekeurd'],
    ]);
    const bad = await postBatch(
      gw,
      new TextEncoder().encode(`--${boundary}\r\nbroken`),
      KEYS.gemeente0384,
      `multipart/form-data; boundary=${boundary}`,
    );
    expect([bad.status, bad.json.type]).toEqual([400, TYPE('batch-unreadable')]);
  });

  it('refuses whole, with problem+json and nothing stored: folders, a password, zip bombs, not a zip, empty, wrong type, operators', async () => {
    const before = await storeCounts(gw.db);
    const ok = { name: 'x.xml', text: withIdentificatie(sample('JW301'), 'NOPE1') };
    const zeros = new Uint8Array(30 * 1024 * 1024);
    const cases: [string, Uint8Array, number, string][] = [
      ['folder', makeZip([ok, { name: 'sub/y.xml', text: ok.text }]), 400, 'batch-folders'],
      ['password', makeZip([ok, { name: 'y.xml', text: ok.text, flags: 1 }]), 400, 'batch-encrypted'],
      ['bomb, honest', makeZip([ok, { name: 'y.xml', bytes: zeros, deflate: true }]), 413, 'batch-too-large'],
      ['bomb, lying', makeZip([ok, { name: 'y.xml', bytes: zeros, deflate: true, declaredSize: 100 }]), 413, 'batch-too-large'],
      [
        'bomb, overlapping',
        makeZip(
          [{ name: 'y.xml', bytes: zeros.subarray(0, 20 * 1024 * 1024), deflate: true }],
          Array.from({ length: 50 }, (_, i) => ({ name: `y${i}.xml`, of: 0 })),
        ),
        413,
        'batch-too-large',
      ],
      ['not a zip', new TextEncoder().encode(ok.text), 400, 'batch-unreadable'],
      ['empty', makeZip([]), 400, 'batch-empty'],
    ];
    for (const [what, zip, status, type] of cases) {
      const r = await postBatch(gw, zip, KEYS.gemeente0384);
      expect([what, r.status, r.headers.get('content-type'), r.json.type]).toEqual([what, status, 'application/problem+json', TYPE(type)]);
    }
    expect((await postBatch(gw, makeZip([ok]), KEYS.gemeente0384, 'application/xml')).json.type).toBe(TYPE('unsupported-media-type'));
    expect((await postBatch(gw, makeZip([ok]), KEYS.operator)).json.type).toBe(TYPE('forbidden'));
    expect((await postBatch(gw, makeZip([ok]), undefined)).status).toBe(401);
    expect(await storeCounts(gw.db)).toEqual(before);
  });

  it('logs no BSN and no file content', () => {
    const logs = gw.logs.join('');
    for (const b of bsns) expect(logs).not.toContain(b);
    expect(logs).toContain('"event":"batch"');
  });
});
