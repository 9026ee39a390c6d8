/**
 * The store suite, run against PGlite and PostgreSQL: migrations, group commit, idempotency key,
 * outbox claim (SKIP LOCKED), batch complete/fail with SQL backoff and the last error on the row.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../src/store/db.js';
import { loadMigrations, migrate } from '../../src/store/migrate.js';
import { GroupCommitter } from '../../src/store/group-commit.js';
import { claimOutbox } from '../../src/store/outbox/claim.js';
import { completeOutbox } from '../../src/store/outbox/complete.js';
import { failOutbox } from '../../src/store/outbox/fail.js';
import { findByIdemKey } from '../../src/store/journal/find-by-idem-key.js';
import { writeBatch } from '../../src/store/journal/insert.js';
import type { JournalWrite } from '../../src/store/journal/types.js';
import { newId } from '../../src/store/ids.js';
import { setKafkaEnabled } from '../../src/store/kafka-settings/set-enabled.js';
import { PG_URL, STORES, dropSchema } from './harness.js';

function write(i: number, extra: Partial<JournalWrite> = {}): JournalWrite {
  const id = newId();
  return {
    id,
    receivedAt: new Date(),
    standard: 'ijw',
    bericht: 'JW301',
    berichtCode: '436',
    afzender: '0384',
    ontvanger: '42420001',
    sender: '0384',
    addressee: '42420001',
    identificatie: `S${i}`,
    idemKey: `0384|436|S${i}`,
    sha256: 'x'.repeat(64),
    raw: Buffer.from(`<raw ${i}/>`),
    summary: { n: i },
    status: 'klaargezet',
    decision: { action: 'route' },
    issues: [],
    retourXml: null,
    duplicateOf: null,
    history: [{ status: 'ontvangen' }, { status: 'klaargezet' }],
    postbus: [{ party: '42420001', kind: 'bericht' }],
    outbox: [{ channel: 'webhook', destination: 'http://x', deliveryKey: `${id}.webhook`, payload: { berichtId: id } }],
    ...extra,
  };
}

/** Whether the server can compress with lz4 (Debian's PostgreSQL can; PGlite has only pglz). */
async function hasLz4(opened: OpenedDb): Promise<boolean> {
  const r = await opened.db.query<{ enumvals: string[] }>(`SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'`);
  return r.rows[0]!.enumvals.includes('lz4');
}

describe.each([...STORES, 'pglite-worker'] as const)('store on %s', (store) => {
  let opened: OpenedDb;
  const schema = `st_${randomBytes(5).toString('hex')}`;
  beforeAll(async () => {
    opened =
      store === 'pglite'
        ? await openDb({ memory: true })
        : store === 'pglite-worker'
          ? await openDb({ memory: true, worker: true }) // what `serve` runs
          : await openDb({ databaseUrl: PG_URL, schema });
    await migrate(opened.db);
  });
  afterAll(async () => {
    await opened?.close();
    if (store === 'postgres') await dropSchema(schema);
  });

  it('migrations: numbered, one statement per file, applied once', async () => {
    const ms = loadMigrations();
    expect(ms.length).toBeGreaterThanOrEqual(7);
    // 0100+ belong to the Kafka publisher (a plpgsql function body has its own semicolons)
    for (const m of ms.filter((x) => Number(x.version) < 100))
      expect(m.sql.replace(/--.*$/gm, '').trim().replace(/;\s*$/, '')).not.toContain(';');
    expect(await migrate(opened.db)).toEqual([]);
    const r = await opened.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(r.rows.map((x) => x.version)).toEqual(ms.map((m) => m.version));
  });

  it('a large decision is compressed with lz4 where the server has it (else pglz) and reads back intact', async () => {
    const lz4 = await hasLz4(opened);
    // 0122 is conditional: Debian's PostgreSQL has lz4, PGlite only pglz; both must migrate.
    if (store === 'postgres') expect(lz4).toBe(true);
    const reasons = Array.from({ length: 60 }, (_, i) => ({
      rule: 'OG-DECL',
      text: `outputgericht: declaratie per prestatie ${i}`,
      items: [`/Bericht/Declaratie/Clienten/Client[${i}]`],
    }));
    const w = write(0, {
      identificatie: 'LZ1',
      idemKey: '0384|436|LZ1',
      postbus: [],
      outbox: [],
      decision: { action: 'route', addressee: '0384', reasons },
    });
    expect((await new GroupCommitter(opened.db).write(w)).kind).toBe('inserted');
    const r = await opened.db.query<{ c: string | null; decision: unknown }>(
      'SELECT pg_column_compression(decision) AS c, decision FROM journal WHERE id = $1',
      [w.id],
    );
    expect(r.rows[0]!.c).toBe(lz4 ? 'lz4' : 'pglz');
    expect(r.rows[0]!.decision).toEqual(w.decision);
  });

  it('a group commit takes at most maxBatchBytes of raw bytes (a larger bericht goes alone)', async () => {
    const rows: number[] = [];
    const committer = new GroupCommitter(opened.db, { maxBatchBytes: 2 * 1024 * 1024, onCommit: (n) => rows.push(n) });
    const mib = (i: number): JournalWrite =>
      write(i, { identificatie: `MB${i}`, idemKey: `0384|436|MB${i}`, postbus: [], outbox: [], raw: Buffer.alloc(1024 * 1024, 0x20) });
    const big = write(9, {
      identificatie: 'MB9',
      idemKey: '0384|436|MB9',
      postbus: [],
      outbox: [],
      raw: Buffer.alloc(3 * 1024 * 1024, 0x20),
    });
    const out = await Promise.all([committer.write(mib(1)), committer.write(mib(2)), committer.write(mib(3)), committer.write(big)]);
    expect(out.map((r) => r.kind)).toEqual(['inserted', 'inserted', 'inserted', 'inserted']);
    expect(rows).toEqual([2, 1, 1]);
  });

  it('raw bytes: lz4-compressed out of line where the server has lz4 (0124), else uncompressed (0008); byte-identical back', async () => {
    const lz4 = await hasLz4(opened);
    // 7.6 KB of XML-like text, as a JW301: over the ~2 KB at which PostgreSQL moves values out of line.
    const raw = Buffer.from(
      `<Bericht>${Array.from({ length: 200 }, (_, i) => `<Regel nr="${i}">ToegewezenProduct</Regel>`).join('')}</Bericht>`,
    );
    const w = write(0, { identificatie: 'RAW1', idemKey: '0384|436|RAW1', postbus: [], outbox: [], raw });
    expect((await new GroupCommitter(opened.db).write(w)).kind).toBe('inserted');
    const r = await opened.db.query<{ c: string | null; stored: number; raw: Uint8Array }>(
      'SELECT pg_column_compression(raw) AS c, pg_column_size(raw) AS stored, raw FROM journal WHERE id = $1',
      [w.id],
    );
    expect(r.rows[0]!.c).toBe(lz4 ? 'lz4' : null);
    if (lz4) expect(r.rows[0]!.stored).toBeLessThan(raw.length / 2);
    else expect(r.rows[0]!.stored).toBeGreaterThanOrEqual(raw.length);
    expect(Buffer.from(r.rows[0]!.raw).equals(raw)).toBe(true);
  });

  it('the core summary of a decision is journaled in decision_summary and read back as decision.summary', async () => {
    const summary = { id: 'JW301', nummer: '301', items: [{ toewijzingNummer: 'T1' }] };
    const w = write(0, {
      identificatie: 'DS1',
      idemKey: '0384|436|DS1',
      postbus: [],
      outbox: [],
      decision: { action: 'route', addressee: '42420001', reasons: [], summary },
    });
    const plain = write(0, {
      identificatie: 'DS2',
      idemKey: '0384|436|DS2',
      postbus: [],
      outbox: [],
      decision: { action: 'route', addressee: '42420001', reasons: [] },
    });
    expect(await writeBatch(opened.db, [w, plain])).toEqual([{ kind: 'inserted' }, { kind: 'inserted' }]);
    const r = await opened.db.query<{ identificatie: string; decision: Record<string, unknown>; decision_summary: unknown }>(
      `SELECT identificatie, decision, decision_summary FROM journal WHERE identificatie IN ('DS1', 'DS2') ORDER BY identificatie`,
    );
    expect(r.rows).toEqual([
      { identificatie: 'DS1', decision: { action: 'route', addressee: '42420001', reasons: [] }, decision_summary: summary },
      { identificatie: 'DS2', decision: { action: 'route', addressee: '42420001', reasons: [] }, decision_summary: null },
    ]);
    // What the API and a TR056 duplicate answer with: the decision as taken, summary included.
    expect((await findByIdemKey(opened.db, '0384|436|DS1'))!.decision).toEqual(w.decision);
    expect((await findByIdemKey(opened.db, '0384|436|DS2'))!.decision).toEqual(plain.decision);
    expect(await writeBatch(opened.db, [write(0, { identificatie: 'DS1', idemKey: '0384|436|DS1' })])).toMatchObject([
      { kind: 'conflict', existing: { decision: w.decision } },
    ]);
  });

  it('migrations 0125–0133 move summaries journaled inside decisions to decision_summary, publishing no decision event', async () => {
    const own = `${schema}_mv`;
    const fresh = store === 'postgres' ? await openDb({ databaseUrl: PG_URL, schema: own }) : await openDb({ memory: true });
    try {
      const all = loadMigrations();
      await migrate(
        fresh.db,
        all.filter((m) => Number(m.version) <= 124),
      );
      await setKafkaEnabled(fresh.db, true);
      const summary = { id: 'JW301', nummer: '301', items: [{ toewijzingNummer: 'T9' }] };
      await fresh.db.query(
        `INSERT INTO journal (id, standard, bericht, bericht_code, afzender, ontvanger, sender, identificatie, idem_key, sha256, raw, summary, status, decision)
         VALUES ('old-1', 'ijw', 'JW301', '436', '0384', '42420001', '0384', 'M1', '0384|436|M1', 'x', '\\x00', '{}', 'klaargezet', $1),
                ('old-2', 'ijw', 'JW301', '436', '0384', '42420001', '0384', 'M2', '0384|436|M2', 'x', '\\x00', '{}', 'klaargezet', '{"action":"route"}')`,
        [JSON.stringify({ action: 'route', addressee: '42420001', summary })],
      );
      const events = async (): Promise<number> =>
        Number(
          (await fresh.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM outbox WHERE payload->>'kind' = 'decision'`)).rows[0]!.n,
        );
      expect(await events()).toBe(2); // the insert trigger's two
      await migrate(fresh.db, all);
      const r = await fresh.db.query<{ id: string; decision: unknown; decision_summary: unknown }>(
        'SELECT id, decision, decision_summary FROM journal ORDER BY id',
      );
      expect(r.rows).toEqual([
        { id: 'old-1', decision: { action: 'route', addressee: '42420001' }, decision_summary: summary },
        { id: 'old-2', decision: { action: 'route' }, decision_summary: null },
      ]);
      expect(await events()).toBe(2);
      // The trigger is on again: a decision change publishes, with neither decision carrying a summary.
      await fresh.db.query(`UPDATE journal SET decision = '{"action":"suppress"}', decision_rev = decision_rev + 1 WHERE id = 'old-1'`);
      expect(await events()).toBe(3);
      const ev = await fresh.db.query<{ payload: { decision: unknown; previous: unknown } }>(
        `SELECT payload FROM outbox WHERE payload->>'kind' = 'decision' AND payload->'previous' <> 'null'::jsonb`,
      );
      expect(ev.rows.map((x) => [x.payload.decision, x.payload.previous])).toEqual([
        [{ action: 'suppress' }, { action: 'route', addressee: '42420001' }],
      ]);
      // The state index serves the moved summaries (containment on the new column).
      const hit = await fresh.db.query<{ id: string }>(
        `SELECT id FROM journal WHERE decision_summary @> '{"items":[{"toewijzingNummer":"T9"}]}' AND (decision_summary ->> 'nummer') IN ('301', '315', '317', '319')`,
      );
      expect(hit.rows).toEqual([{ id: 'old-1' }]);
    } finally {
      await fresh.close();
      if (store === 'postgres') await dropSchema(own);
    }
  });

  it('journal pages keep room (0134): a status update of a row on a full page is HOT, no new index entries', async () => {
    const r0 = await opened.db.query<{ reloptions: string[] | null }>(`SELECT reloptions FROM pg_class WHERE oid = 'journal'::regclass`);
    expect(r0.rows[0]!.reloptions).toContain('fillfactor=80');
    // Rows of ~1.3 KB in the heap (a decision with 1 KB of incompressible text stays inline and
    // uncompressed below the ~2 KB toast threshold): at fillfactor 100 six fill a page and leave too
    // little room for a seventh version, so the update below moved the row (checked: 0 HOT then).
    const ws = Array.from({ length: 12 }, (_, i) =>
      write(0, {
        identificatie: `FF${i}`,
        idemKey: `0384|436|FF${i}`,
        postbus: [],
        outbox: [],
        decision: { action: 'route', addressee: '42420001', reasons: [{ rule: 'R', text: randomBytes(500).toString('hex') }] },
      }),
    );
    expect((await writeBatch(opened.db, ws)).every((r) => r.kind === 'inserted')).toBe(true);
    const hot = await opened.db.transaction(async (tx) => {
      await tx.query(`UPDATE journal SET status = 'afgeleverd' WHERE id = $1`, [ws[2]!.id]);
      const r = await tx.query<{ u: string; h: string }>(
        `SELECT pg_stat_get_xact_tuples_updated('journal'::regclass) AS u, pg_stat_get_xact_tuples_hot_updated('journal'::regclass) AS h`,
      );
      return { updated: Number(r.rows[0]!.u), hot: Number(r.rows[0]!.h) };
    });
    expect(hot).toEqual({ updated: 1, hot: 1 });
  });

  it('a transaction is one whether its first statement has parameters or not: all of it commits, or none', async () => {
    await opened.db.query('CREATE TABLE IF NOT EXISTS tx_probe (n int)');
    const both = async (first: 'plain' | 'param', fail: boolean): Promise<void> =>
      opened.db.transaction(async (tx) => {
        if (first === 'plain') await tx.query('INSERT INTO tx_probe VALUES (1)');
        else await tx.query('INSERT INTO tx_probe VALUES ($1)', [1]);
        const seen = await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM tx_probe');
        expect(Number(seen.rows[0]!.n)).toBeGreaterThan(0);
        await tx.query('INSERT INTO tx_probe VALUES ($1)', [2]);
        if (fail) throw new Error('undo');
      });
    const count = async (): Promise<number> =>
      Number((await opened.db.query<{ n: string }>('SELECT count(*)::text AS n FROM tx_probe')).rows[0]!.n);
    for (const first of ['plain', 'param'] as const) {
      await opened.db.query('DELETE FROM tx_probe');
      await expect(both(first, true)).rejects.toThrow('undo');
      expect(await count()).toBe(0);
      await both(first, false);
      expect(await count()).toBe(2);
    }
    // A transaction that sends nothing commits nothing and leaves the connection usable.
    expect(await opened.db.transaction(async () => 7)).toBe(7);
    expect(await count()).toBe(2);
  });

  it('group commit: 300 concurrent writes land in few transactions, each with its rows', async () => {
    const sizes: number[] = [];
    const gc = new GroupCommitter(opened.db, { concurrency: store === 'postgres' ? 4 : 1, onCommit: (n) => sizes.push(n) });
    const ws = Array.from({ length: 300 }, (_, i) => write(i));
    const rs = await Promise.all(ws.map((w) => gc.write(w)));
    expect(rs.every((r) => r.kind === 'inserted')).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(300);
    expect(sizes.length).toBeLessThan(300);
    const n = await opened.db.query<{ j: string; s: string; p: string; o: string }>(
      "SELECT (SELECT count(*) FROM journal WHERE identificatie LIKE 'S%')::text AS j, (SELECT sum(jsonb_array_length(history)) FROM journal WHERE identificatie LIKE 'S%')::text AS s, (SELECT count(*) FROM postbus)::text AS p, (SELECT count(*) FROM outbox)::text AS o",
    );
    expect(n.rows[0]).toEqual({ j: '300', s: '600', p: '300', o: '300' });
  });

  it('idempotency key: a second row with the same key is not written and names the first', async () => {
    const gc = new GroupCommitter(opened.db);
    const a = write(1000);
    const b = write(1000); // same idem key
    const [ra, rb] = await Promise.all([gc.write(a), gc.write(b)]);
    expect(ra).toEqual({ kind: 'inserted' });
    expect(rb.kind).toBe('conflict');
    if (rb.kind === 'conflict') expect(rb.existing.id).toBe(a.id);
    expect((await findByIdemKey(opened.db, '0384|436|S1000'))?.id).toBe(a.id);
    const n = await opened.db.query<{ n: string }>('SELECT count(*)::text AS n FROM outbox WHERE bericht_id = $1', [b.id]);
    expect(n.rows[0]!.n).toBe('0');
  });

  it('a failing row does not fail its batch neighbours', async () => {
    const gc = new GroupCommitter(opened.db);
    const good = write(2000);
    const bad = write(2001, { standard: null as unknown as string }); // NOT NULL violation
    const [rg, rb] = await Promise.allSettled([gc.write(good), gc.write(bad)]);
    expect(rg.status).toBe('fulfilled');
    expect(rb.status).toBe('rejected');
  });

  it('outbox: claim with SKIP LOCKED, complete and fail in batches, backoff in SQL, error kept', async () => {
    await opened.db.query("UPDATE outbox SET done_at = now() WHERE channel = 'webhook'");
    const gc = new GroupCommitter(opened.db);
    await Promise.all(Array.from({ length: 10 }, (_, i) => gc.write(write(3000 + i))));
    const a = await claimOutbox(opened.db, { channel: 'webhook', limit: 6, worker: 'A', lockTimeoutSeconds: 60 });
    const b = await claimOutbox(opened.db, { channel: 'webhook', limit: 6, worker: 'B', lockTimeoutSeconds: 60 });
    expect(a).toHaveLength(6);
    expect(b).toHaveLength(4);
    expect(new Set([...a, ...b].map((r) => r.id)).size).toBe(10);
    expect(a.every((r) => r.attempts === 1)).toBe(true);
    expect(await claimOutbox(opened.db, { channel: 'webhook', limit: 6, worker: 'C', lockTimeoutSeconds: 60 })).toEqual([]);
    await completeOutbox(
      opened.db,
      'A',
      a.map((r) => r.id),
    );
    await completeOutbox(
      opened.db,
      'A',
      b.map((r) => r.id),
    ); // not A's: no effect
    await failOutbox(
      opened.db,
      'B',
      b.map((r) => ({ id: r.id, error: 'HTTP 503 from receiver' })),
      { baseSeconds: 10, capSeconds: 100, maxAttempts: 2 },
    );
    const rows = await opened.db.query<{
      id: string;
      done: boolean;
      wait: number;
      last_error: string;
      failed: boolean;
      locked_by: string | null;
    }>(
      'SELECT id::text, done_at IS NOT NULL AS done, extract(epoch FROM run_at - now())::float8 AS wait, last_error, failed_at IS NOT NULL AS failed, locked_by FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY id',
      [[...a, ...b].map((r) => r.id)],
    );
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    for (const r of a) expect(byId.get(r.id)!.done).toBe(true);
    for (const r of b) {
      const x = byId.get(r.id)!;
      expect(x).toMatchObject({ done: false, failed: false, last_error: 'HTTP 503 from receiver', locked_by: null });
      // attempt 1: base·2^0 = 10 s, jittered into [5, 10]
      expect(x.wait).toBeGreaterThanOrEqual(4);
      expect(x.wait).toBeLessThanOrEqual(10.5);
    }
    // due again → second attempt fails → maxAttempts 2 reached → failed, error kept
    await opened.db.query('UPDATE outbox SET run_at = now() WHERE id = ANY($1::bigint[])', [b.map((r) => r.id)]);
    const again = await claimOutbox(opened.db, { channel: 'webhook', limit: 10, worker: 'B', lockTimeoutSeconds: 60 });
    expect(again.map((r) => r.attempts)).toEqual([2, 2, 2, 2]);
    await failOutbox(
      opened.db,
      'B',
      again.map((r) => ({ id: r.id, error: 'timeout' })),
      { baseSeconds: 10, capSeconds: 100, maxAttempts: 2 },
    );
    const f = await opened.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM outbox WHERE failed_at IS NOT NULL AND last_error = 'timeout'",
    );
    expect(f.rows[0]!.n).toBe('4');
    expect(await claimOutbox(opened.db, { channel: 'webhook', limit: 10, worker: 'B', lockTimeoutSeconds: 60 })).toEqual([]);
  });

  it('outbox: an abandoned lock (worker died) is claimable after the lock timeout', async () => {
    const gc = new GroupCommitter(opened.db);
    const w = write(4000, { outbox: [{ channel: 'kafka', destination: '', deliveryKey: 'k-4000', payload: {} }] });
    await gc.write(w);
    const [first] = await claimOutbox(opened.db, { channel: 'kafka', limit: 1, worker: 'dead', lockTimeoutSeconds: 60 });
    expect(first).toBeDefined();
    expect(await claimOutbox(opened.db, { channel: 'kafka', limit: 1, worker: 'B', lockTimeoutSeconds: 60 })).toEqual([]);
    await opened.db.query("UPDATE outbox SET locked_at = now() - interval '2 minutes' WHERE id = $1", [first!.id]);
    const [again] = await claimOutbox(opened.db, { channel: 'kafka', limit: 1, worker: 'B', lockTimeoutSeconds: 60 });
    expect(again?.id).toBe(first!.id);
    expect(again?.attempts).toBe(2);
  });

  it('batches of every size, padded or not: exactly their rows, a duplicate key answered with its holder', async () => {
    const count = async (): Promise<{ j: number; p: number; o: number }> => {
      const r = await opened.db.query<{ j: number; p: number; o: number }>(
        "SELECT (SELECT count(*) FROM journal WHERE identificatie LIKE 'W%')::int AS j, (SELECT count(*) FROM postbus p JOIN journal j ON j.id = p.bericht_id WHERE j.identificatie LIKE 'W%')::int AS p, (SELECT count(*) FROM outbox o JOIN journal j ON j.id = o.bericht_id WHERE j.identificatie LIKE 'W%')::int AS o",
      );
      return r.rows[0]!;
    };
    let n = 0;
    const expected = { j: 0, p: 0, o: 0 };
    // 1–33 rows: every padded size on PostgreSQL, and one past the padded maximum (unpadded).
    for (let size = 1; size <= 33; size++) {
      const ws = Array.from({ length: size }, (_, k) => {
        const i = n++;
        const w = write(i, {
          identificatie: `W${i}`,
          idemKey: `0384|436|W${i}`,
          postbus: k % 3 === 0 ? [] : [{ party: '42420001', kind: 'bericht' }],
        });
        // Its own outbox channel: the outbox tests above claim webhook rows.
        return k % 4 === 0 ? { ...w, outbox: [] } : { ...w, outbox: w.outbox.map((o) => ({ ...o, channel: 'padding-test' })) };
      });
      const rs = await writeBatch(opened.db, ws);
      expect(rs.every((r) => r.kind === 'inserted')).toBe(true);
      expected.j += size;
      expected.p += ws.reduce((a, w) => a + w.postbus.length, 0);
      expected.o += ws.reduce((a, w) => a + w.outbox.length, 0);
      expect(await count()).toEqual(expected);
    }
    // A key already taken, inside a padded batch: not written, no postbus/outbox rows, names the holder.
    const twin = write(9999, { identificatie: 'W0', idemKey: '0384|436|W0' });
    const rs = await writeBatch(opened.db, [write(n++, { identificatie: `W${n}`, idemKey: `0384|436|W${n}` }), twin]);
    expect(rs[0]!.kind).toBe('inserted');
    expect(rs[1]).toMatchObject({ kind: 'conflict', existing: { identificatie: 'W0' } });
    expect(await count()).toEqual({ j: expected.j + 1, p: expected.p + 1, o: expected.o + 1 });
  });
});
