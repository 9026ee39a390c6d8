/**
 * The state horizon's store verbs and the backfill migration (0163), on PGlite and PostgreSQL: the
 * first bericht sets it and nothing overwrites it; an import only moves it back; pairs Sluis saw
 * before the table existed get the day (Europe/Amsterdam) of their first decided bericht.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '../../src/store/db.js';
import { ensureHorizon } from '../../src/store/horizon/ensure.js';
import { getHorizon } from '../../src/store/horizon/get.js';
import { moveHorizonBack } from '../../src/store/horizon/move-back.js';
import { writeBatch } from '../../src/store/journal/insert.js';
import type { JournalWrite } from '../../src/store/journal/types.js';
import { newId } from '../../src/store/ids.js';
import { loadMigrations, migrate } from '../../src/store/migrate.js';
import { PG_URL, STORES, dropSchema } from '../gateway/harness.js';

function decided(i: number, receivedAt: string, pair: { gemeente: string; aanbieder: string }, importedAt?: Date): JournalWrite {
  return {
    id: newId(),
    receivedAt: new Date(receivedAt),
    standard: 'ijw',
    bericht: 'JW301',
    berichtCode: '436',
    afzender: pair.gemeente,
    ontvanger: pair.aanbieder,
    sender: pair.gemeente,
    addressee: pair.aanbieder,
    identificatie: `H${i}`,
    idemKey: `${pair.gemeente}|436|H${i}`,
    sha256: 'x'.repeat(64),
    raw: Buffer.from(`<raw ${i}/>`),
    summary: {},
    status: 'klaargezet',
    decision: { action: 'route', summary: { standard: 'ijw', gemeente: pair.gemeente, aanbieder: pair.aanbieder } },
    issues: [],
    retourXml: null,
    duplicateOf: null,
    history: [],
    postbus: [],
    outbox: [],
    ...(importedAt ? { importedAt } : {}),
  };
}

describe.each(STORES)('the state horizon in the store on %s', (store) => {
  let opened: OpenedDb;
  const schema = `hz_${randomBytes(5).toString('hex')}`;
  beforeAll(async () => {
    opened = store === 'pglite' ? await openDb({ memory: true }) : await openDb({ databaseUrl: PG_URL, schema });
    const all = loadMigrations();
    // The journal as it stood before the backfill: two pairs with decided traffic, one imported row.
    await migrate(
      opened.db,
      all.filter((m) => m.version < '0163'),
    );
    await writeBatch(opened.db, [
      decided(1, '2026-03-05T10:00:00Z', { gemeente: '0384', aanbieder: '42420001' }),
      decided(2, '2026-03-01T23:30:00Z', { gemeente: '0384', aanbieder: '42420001' }), // 2 March in Amsterdam
      decided(3, '2026-01-10T10:00:00Z', { gemeente: '0384', aanbieder: '42420001' }, new Date()), // imported: not traffic
      decided(4, '2026-04-01T10:00:00Z', { gemeente: '0363', aanbieder: '42420001' }),
    ]);
    await migrate(opened.db, all);
  });
  afterAll(async () => {
    await opened?.close();
    if (store === 'postgres') await dropSchema(schema);
  });

  const a = { standard: 'ijw', gemeente: '0384', aanbieder: '42420001' };
  const b = { standard: 'ijw', gemeente: '0363', aanbieder: '42420001' };
  const c = { standard: 'iwmo', gemeente: '0363', aanbieder: '42420001' };

  it('the backfill gives each pair already seen the Amsterdam day of its first decided bericht', async () => {
    expect(await getHorizon(opened.db, a)).toEqual({ ...a, since: '2026-03-02', bron: 'eerste-bericht' });
    expect(await getHorizon(opened.db, b)).toEqual({ ...b, since: '2026-04-01', bron: 'eerste-bericht' });
    expect(await getHorizon(opened.db, c)).toBeUndefined();
  });

  it('ensure sets a horizon once; a later ensure does not move it', async () => {
    await ensureHorizon(opened.db, c, '2026-12-01');
    await ensureHorizon(opened.db, c, '2026-12-05');
    await ensureHorizon(opened.db, c, '2026-11-01');
    expect(await getHorizon(opened.db, c)).toEqual({ ...c, since: '2026-12-01', bron: 'eerste-bericht' });
  });

  it('moving back only moves back, and says where the horizon now comes from', async () => {
    expect(await moveHorizonBack(opened.db, c, '2026-12-03')).toEqual({ ...c, since: '2026-12-01', bron: 'eerste-bericht' });
    expect(await moveHorizonBack(opened.db, c, '2026-10-15')).toEqual({ ...c, since: '2026-10-15', bron: 'import' });
    expect(await moveHorizonBack(opened.db, c, '2026-10-20')).toEqual({ ...c, since: '2026-10-15', bron: 'import' });
    const fresh = { standard: 'iwmo', gemeente: '0599', aanbieder: '12345678' };
    expect(await moveHorizonBack(opened.db, fresh, '2025-01-31')).toEqual({ ...fresh, since: '2025-01-31', bron: 'import' });
  });
});
