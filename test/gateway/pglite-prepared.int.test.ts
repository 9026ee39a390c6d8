/**
 * Prepared statements on PGlite through its wire-protocol API: same rows and errors as `query()`,
 * a name remembered only once the server has the statement, and the cap honoured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { pglitePrepared } from '../../src/store/pglite-prepared.js';

describe('pglitePrepared', () => {
  let lite: PGlite;
  beforeAll(async () => {
    lite = await PGlite.create();
    await lite.query('CREATE TABLE t (id text PRIMARY KEY, n integer NOT NULL, at timestamptz, doc jsonb, raw bytea)');
  });
  afterAll(async () => {
    await lite.close();
  });

  const insert =
    'INSERT INTO t (id, n, at, doc, raw) VALUES ($1::text, $2::integer, $3::timestamptz, $4::jsonb, $5::bytea) RETURNING id, n, at, doc, raw';

  it('returns the rows query() returns, typed by the same parsers', async () => {
    const q = pglitePrepared(lite, 8);
    const at = new Date(Date.UTC(2026, 10, 23, 12));
    const a = await q(insert, ['a', 1, at, JSON.stringify({ x: [1, 'twee'] }), new Uint8Array([0, 255, 16])]);
    const b = (await lite.query('SELECT id, n, at, doc, raw FROM t WHERE id = $1', ['a'])).rows;
    expect(a.rows).toEqual(b);
    expect(a.rows).toEqual([{ id: 'a', n: 1, at, doc: { x: [1, 'twee'] }, raw: new Uint8Array([0, 255, 16]) }]);
    // Again under the same name: nothing parsed twice, null passes as NULL.
    expect((await q(insert, ['b', 2, null, null, null])).rows).toEqual([{ id: 'b', n: 2, at: null, doc: null, raw: null }]);
  });

  it('a failing execution throws the server error and leaves the statement usable', async () => {
    const q = pglitePrepared(lite, 8);
    await q(insert, ['c', 3, null, null, null]);
    await expect(q(insert, ['c', 4, null, null, null])).rejects.toMatchObject({ code: '23505' });
    // First use failing after the server parsed it: the name is kept, so the retry does not collide.
    const fresh = pglitePrepared(lite, 8);
    await expect(fresh(insert, ['c', 5, null, null, null])).rejects.toMatchObject({ code: '23505' });
    expect((await fresh(insert, ['d', 6, null, null, null])).rows).toMatchObject([{ id: 'd', n: 6 }]);
  });

  it('a text the server cannot parse fails every time, with its error, and is never named', async () => {
    const q = pglitePrepared(lite, 8);
    await expect(q('SELEC 1', [])).rejects.toMatchObject({ code: '42601' });
    await expect(q('SELEC 1', [])).rejects.toMatchObject({ code: '42601' });
    expect((await q('SELECT $1::integer + 1 AS v', [41])).rows).toEqual([{ v: 42 }]);
  });

  it('past the cap, texts run through query() and still answer', async () => {
    const q = pglitePrepared(lite, 2);
    for (let i = 0; i < 5; i++) expect((await q(`SELECT $1::integer * ${i} AS v`, [3])).rows).toEqual([{ v: 3 * i }]);
    const named = await lite.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'sluis_%'`);
    expect(named.rows[0]!.n).toBeGreaterThan(0);
  });
});
