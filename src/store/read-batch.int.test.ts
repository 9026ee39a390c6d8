import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, STORES, dropSchema } from '../../test/gateway/harness.js';
import { openDb, type Db, type OpenedDb, type QueryResult } from './db.js';
import { coalescedReads, combine } from './read-batch.js';

describe('combine', () => {
  it('renumbers each read’s placeholders after the ones before it and tags its branch', () => {
    const c = combine([
      { sql: 'SELECT a FROM t WHERE a = $1 AND b = $2', params: [1, 2] },
      { sql: 'SELECT a FROM t WHERE a = $1 OR a = $1', params: [3] },
    ]);
    expect(c.params).toEqual([1, 2, 3]);
    expect(c.sql).toContain('WHERE a = $1 AND b = $2');
    expect(c.sql).toContain('WHERE a = $3 OR a = $3');
    expect(c.sql).toMatch(/SELECT 0 AS q[\s\S]*UNION ALL[\s\S]*SELECT 1 AS q/);
  });
});

/** A Db that counts the statements reaching it. */
function counting(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  return {
    db: {
      transaction: (fn) => db.transaction(fn),
      query: <T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> => {
        n++;
        return db.query<T>(sql, params);
      },
    },
    statements: () => n,
  };
}

describe.each(STORES)('coalesced reads on %s', (store) => {
  let opened: OpenedDb;
  const schema = `rb_${randomBytes(5).toString('hex')}`;

  beforeAll(async () => {
    opened = store === 'pglite' ? await openDb({ memory: true }) : await openDb({ databaseUrl: PG_URL, schema });
    await opened.db.query(`CREATE TABLE rb (id int PRIMARY KEY, name text, at timestamptz, doc jsonb, ok boolean)`);
    await opened.db.query(
      `INSERT INTO rb SELECT g, 'n' || g, '2026-12-07T10:00:00Z'::timestamptz + g * interval '1 minute', jsonb_build_object('g', g), g % 2 = 0
         FROM generate_series(1, 50) g`,
    );
  });
  afterAll(async () => {
    await opened.close();
    if (store === 'postgres') await dropSchema(schema);
  });

  it('answers reads issued together with one statement, each with its own rows in its own order', async () => {
    const c = counting(opened.db);
    const reads = coalescedReads(c.db, { maxInFlight: 1 });
    const [a, b, none, agg] = await Promise.all([
      reads.query<{ id: number; name: string }>('SELECT id, name FROM rb WHERE id = ANY($1::int[]) ORDER BY id DESC', [[3, 1, 2]]),
      reads.query<{ id: number; doc: { g: number }; ok: boolean }>(
        'SELECT id, doc, ok FROM rb WHERE id BETWEEN $1 AND $2 ORDER BY id',
        [10, 12],
      ),
      reads.query('SELECT id FROM rb WHERE name = $1', ['nobody']),
      reads.query<{ n: number }>('WITH m AS MATERIALIZED (SELECT id FROM rb WHERE ok = $1) SELECT count(*) AS n FROM m', [true]),
    ]);
    expect(c.statements()).toBe(1);
    expect(a.rows).toEqual([
      { id: 3, name: 'n3' },
      { id: 2, name: 'n2' },
      { id: 1, name: 'n1' },
    ]);
    expect(b.rows).toEqual([
      { id: 10, doc: { g: 10 }, ok: true },
      { id: 11, doc: { g: 11 }, ok: false },
      { id: 12, doc: { g: 12 }, ok: true },
    ]);
    expect(none.rows).toEqual([]);
    expect(Number(agg.rows[0]!.n)).toBe(25);
  });

  it('hands back a timestamptz as text the database reads as the same instant', async () => {
    const reads = coalescedReads(opened.db);
    const [r] = await Promise.all([reads.query<{ at: string }>('SELECT at FROM rb WHERE id = $1', [7]), reads.query('SELECT 1 AS one')]);
    const at = r.rows[0]!.at;
    const back = await opened.db.query<{ same: boolean }>('SELECT $1::timestamptz = at AS same FROM rb WHERE id = 7', [at]);
    expect(back.rows[0]!.same).toBe(true);
  });

  it('a read alone goes as it is; reads while a batch is out wait for the next one', async () => {
    const c = counting(opened.db);
    const reads = coalescedReads(c.db, { maxInFlight: 1 });
    const alone = await reads.query<{ id: number }>('SELECT id FROM rb WHERE id = $1', [5]);
    expect(alone.rows).toEqual([{ id: 5 }]);
    expect(c.statements()).toBe(1);
    const first = reads.query('SELECT id FROM rb WHERE id = $1', [1]);
    await new Promise((r) => setImmediate(r));
    // The first batch is on the wire: these three gather behind it and go as one.
    const later = [2, 3, 4].map((id) => reads.query<{ id: number }>('SELECT id FROM rb WHERE id = $1', [id]));
    await first;
    const rows = await Promise.all(later);
    expect(rows.map((r) => r.rows)).toEqual([[{ id: 2 }], [{ id: 3 }], [{ id: 4 }]]);
    expect(c.statements()).toBe(3);
  });

  it('a failing read fails every read of its batch, and the next batch works', async () => {
    const reads = coalescedReads(opened.db);
    const results = await Promise.allSettled([reads.query('SELECT id FROM rb WHERE id = $1', [1]), reads.query('SELECT nope FROM rb')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const ok = await Promise.all([
      reads.query('SELECT id FROM rb WHERE id = $1', [1]),
      reads.query('SELECT id FROM rb WHERE id = $1', [2]),
    ]);
    expect(ok.map((r) => r.rows)).toEqual([[{ id: 1 }], [{ id: 2 }]]);
  });
});
