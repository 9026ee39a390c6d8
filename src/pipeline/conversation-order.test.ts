import { describe, expect, it } from 'vitest';
import { KeyedLocks, MAX_CLIENT_KEYS, lockId, normalise, orderKeys } from './conversation-order.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('orderKeys', () => {
  const base = { standard: 'ijw', afzender: '42420001', ontvanger: '0384' } as const;

  it('a start: its aanbieder scope shared, each client exclusive (the aanbieder from the message direction)', () => {
    expect(orderKeys({ ...base, nummer: '305', clients: ['c1', 'c2', 'c1'] })).toEqual({
      keys: [
        { key: 'ijw|42420001', exclusive: false },
        { key: 'ijw|42420001|c1', exclusive: true },
        { key: 'ijw|42420001|c2', exclusive: true },
      ],
      watch: [],
    });
    // A 301 goes from gemeente to aanbieder: the same keys for the same client.
    expect(orderKeys({ standard: 'ijw', nummer: '301', afzender: '0384', ontvanger: '42420001', clients: ['c1'] }).keys).toContainEqual({
      key: 'ijw|42420001|c1',
      exclusive: true,
    });
  });

  it('a declaratie: its clients and the declaraties of its aanbieder exclusive; with many clients the scope, watching the clients', () => {
    expect(orderKeys({ ...base, nummer: '323', clients: ['c1', 'c2'] })).toEqual({
      keys: [
        { key: 'ijw|42420001', exclusive: false },
        { key: 'ijw|42420001|323', exclusive: true },
        { key: 'ijw|42420001|c1', exclusive: true },
        { key: 'ijw|42420001|c2', exclusive: true },
      ],
      watch: [],
    });
    const many = Array.from({ length: MAX_CLIENT_KEYS + 1 }, (_, i) => `c${i}`);
    const big = orderKeys({ ...base, nummer: '323', clients: many });
    expect(big.keys).toEqual([{ key: 'ijw|42420001', exclusive: true }]);
    expect(big.watch).toHaveLength(MAX_CLIENT_KEYS + 1);
    expect(orderKeys({ ...base, nummer: '305', clients: many }).keys).toEqual([{ key: 'ijw|42420001', exclusive: true }]);
  });

  it('without client keys (no clientKeySecret) only the keys by number and reference', () => {
    expect(orderKeys({ ...base, nummer: '305', clients: undefined })).toEqual({ keys: [], watch: [] });
    expect(orderKeys({ ...base, nummer: '323', clients: undefined }).keys).toEqual([
      { key: 'ijw|42420001', exclusive: false },
      { key: 'ijw|42420001|323', exclusive: true },
    ]);
  });

  it('a reference belongs to the aanbieder, a 301 ToewijzingNummer to the gemeente (a 319 names no client)', () => {
    expect(
      orderKeys({ standard: 'ijw', nummer: '319', afzender: '0384', ontvanger: '42420001', clients: [], referenties: ['R1'] }),
    ).toEqual({
      keys: [
        { key: 'ijw|42420001', exclusive: false },
        { key: 'ijw|42420001|referentie R1', exclusive: true },
      ],
      watch: [],
    });
    const toewijzing = orderKeys({
      standard: 'ijw',
      nummer: '301',
      afzender: '0384',
      ontvanger: '42420001',
      clients: ['c1'],
      toewijzingNummers: ['7', '7', '8'],
    });
    expect(toewijzing.keys).toEqual([
      { key: 'ijw|42420001', exclusive: false },
      { key: 'ijw|42420001|c1', exclusive: true },
      { key: 'ijw|gemeente 0384|toewijzing 7', exclusive: true },
      { key: 'ijw|gemeente 0384|toewijzing 8', exclusive: true },
    ]);
  });

  it('lock ids are signed 64-bit, stable, and differ per key', () => {
    const id = lockId('ijw|42420001|c1');
    expect(id).toBe(lockId('ijw|42420001|c1'));
    expect(id).not.toBe(lockId('ijw|42420001|c2'));
    const n = BigInt(id);
    expect(n >= -(2n ** 63n) && n < 2n ** 63n).toBe(true);
  });

  it('normalise: one entry per key, exclusive wins, sorted', () => {
    expect(
      normalise([
        { key: 'b', exclusive: false },
        { key: 'a', exclusive: false },
        { key: 'b', exclusive: true },
      ]),
    ).toEqual([
      { key: 'a', exclusive: false },
      { key: 'b', exclusive: true },
    ]);
  });
});

describe('KeyedLocks', () => {
  it('one key: holders in arrival order, the next only after the release', async () => {
    const locks = new KeyedLocks();
    const order: number[] = [];
    const run = async (n: number): Promise<void> => {
      const release = await locks.acquire([{ key: 'k', exclusive: true }]);
      order.push(n);
      await tick();
      order.push(-n);
      release();
    };
    await Promise.all([run(1), run(2), run(3)]);
    expect(order).toEqual([1, -1, 2, -2, 3, -3]);
    expect(locks.size).toBe(0);
  });

  it('shared holders overlap; an exclusive one waits for all of them, and later shared ones wait behind it', async () => {
    const locks = new KeyedLocks();
    const r1 = await locks.acquire([{ key: 's', exclusive: false }]);
    const r2 = await locks.acquire([{ key: 's', exclusive: false }]);
    let x = false;
    let late = false;
    const pendingX = locks.acquire([{ key: 's', exclusive: true }]).then((r) => ((x = true), r));
    const pendingLate = locks.acquire([{ key: 's', exclusive: false }]).then((r) => ((late = true), r));
    await tick();
    expect([x, late]).toEqual([false, false]);
    r1();
    await tick();
    expect(x).toBe(false);
    r2();
    const rx = await pendingX;
    await tick();
    expect(late).toBe(false);
    rx();
    (await pendingLate)();
    expect(locks.size).toBe(0);
  });

  it('different keys do not wait for each other; a release is idempotent', async () => {
    const locks = new KeyedLocks();
    const a = await locks.acquire([{ key: 'a', exclusive: true }]);
    const b = await locks.acquire([{ key: 'b', exclusive: true }]);
    a();
    a();
    b();
    expect(locks.size).toBe(0);
  });
});
