import { describe, expect, it } from 'vitest';
import type { Db } from '../store/db.js';
import { actorFields, toegangslogService } from './toegangslog.js';

/** A store that records the access log inserts; `fail` makes them throw; each insert waits a tick. */
function fakeDb(fail = false): { db: Db; inserts: unknown[][][] } {
  const inserts: unknown[][][] = [];
  const db: Db = {
    async query(sql, params) {
      await new Promise((r) => setTimeout(r, 5));
      if (sql.includes('toegangslog')) {
        if (fail) throw new Error('disk full');
        inserts.push(params as unknown[][]);
      }
      return { rows: [] };
    },
    transaction: (fn) => fn(db),
  };
  return { db, inserts };
}

const OPERATOR = { kind: 'operator', name: 'beheer', keyId: 'k1' } as const;
const at = () => new Date('2026-11-03T09:00:00Z');

describe('the access log writer', () => {
  it('reads arriving while an insert is in flight share the next one; each read waits for its entries', async () => {
    const { db, inserts } = fakeDb();
    const log = toegangslogService(db, at);
    const first = log.record({ actor: OPERATOR, route: 'api' }, 'bericht', ['A']);
    const rest = [2, 3, 4].map((n) => log.record({ actor: OPERATOR, route: 'console' }, 'xml', [`B${n}`]));
    await Promise.all([first, ...rest]);
    expect(inserts).toHaveLength(2);
    expect(inserts[0]![6]).toEqual(['A']);
    expect(inserts[1]![6]).toEqual(['B2', 'B3', 'B4']);
    expect(inserts[1]![4]).toEqual(['console', 'console', 'console']);
  });

  it('a read whose entry cannot be stored fails (fail closed); nothing to record is no insert', async () => {
    const { db } = fakeDb(true);
    const log = toegangslogService(db, at);
    await expect(log.record({ actor: OPERATOR, route: 'api' }, 'bericht', ['A'])).rejects.toThrow(/disk full/);
    const ok = fakeDb();
    await toegangslogService(ok.db, at).record({ actor: OPERATOR, route: 'api' }, 'lijst', []);
    expect(ok.inserts).toHaveLength(0);
  });

  it('logs who by name or party code and the key id, never the key', () => {
    expect(actorFields(OPERATOR)).toEqual({ actorSoort: 'operator', actor: 'beheer', sleutel: 'k1' });
    expect(actorFields({ kind: 'cli', name: 'root' })).toEqual({ actorSoort: 'cli', actor: 'root' });
    expect(
      actorFields({
        kind: 'party',
        keyId: 'p1',
        party: { role: 'aanbieder', code: '42420001', name: 'X' } as never,
      }),
    ).toEqual({ actorSoort: 'aanbieder', actor: '42420001', sleutel: 'p1' });
  });
});
