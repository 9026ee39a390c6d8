import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, STORES, dropSchema } from '../../../test/gateway/harness.js';
import { openDb, type OpenedDb } from '../db.js';
import { migrate } from '../migrate.js';
import { insertStufReferenties } from './insert.js';

const row = (
  referentienummer: string,
  bericht_id: string,
): { referentienummer: string; zender: string; bericht_id: string; sha256: string } => ({
  referentienummer,
  zender: '0384',
  bericht_id,
  sha256: `sha-${bericht_id}`,
});

describe.each(STORES)('insertStufReferenties on %s', (store) => {
  let opened: OpenedDb;
  const schema = `sgr_${randomBytes(5).toString('hex')}`;
  beforeAll(async () => {
    opened = store === 'pglite' ? await openDb({ memory: true }) : await openDb({ databaseUrl: PG_URL, schema });
    await migrate(opened.db);
  });
  afterAll(async () => {
    await opened.close();
    if (store === 'postgres') await dropSchema(schema);
  });

  it('answers each row with the row holding its number: itself, the first of the call, or an earlier call', async () => {
    const got = await insertStufReferenties(opened.db, [row('a', 'b1'), row('b', 'b2'), row('a', 'b3')]);
    expect(got.map((r) => [r.referentienummer, r.bericht_id])).toEqual([
      ['a', 'b1'],
      ['b', 'b2'],
      ['a', 'b1'],
    ]);
    const again = await insertStufReferenties(opened.db, [row('c', 'b5'), row('a', 'b4')]);
    expect(again.map((r) => r.bericht_id)).toEqual(['b5', 'b1']);
    const n = await opened.db.query<{ n: string }>('SELECT count(*)::text AS n FROM stuf_ggk_referentie');
    expect(n.rows[0]!.n).toBe('3');
  });

  it('writes nothing for no rows', async () => {
    expect(await insertStufReferenties(opened.db, [])).toEqual([]);
  });
});
