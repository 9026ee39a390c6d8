import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchStatement, paddedSize, PADDED_MAX_ROWS } from './insert.js';
import type { JournalWrite } from './types.js';

function write(i: number, postbus: number, outbox: number): JournalWrite {
  const id = `01TEST${String(i).padStart(20, '0')}`;
  return {
    id,
    receivedAt: new Date(Date.UTC(2026, 10, 23)),
    standard: 'ijw',
    bericht: 'JW301',
    berichtCode: '436',
    afzender: '0384',
    ontvanger: '42420001',
    sender: '0384',
    addressee: '42420001',
    identificatie: `P${i}`,
    idemKey: `0384|436|P${i}`,
    sha256: 'a'.repeat(64),
    raw: Buffer.from(`<r${i}/>`),
    summary: {},
    status: 'klaargezet',
    decision: { action: 'route' },
    issues: [],
    retourXml: null,
    duplicateOf: null,
    history: [],
    postbus: Array.from({ length: postbus }, (_, k) => ({ party: `4242000${k}`, kind: 'bericht' as const })),
    outbox: Array.from({ length: outbox }, (_, k) => ({
      channel: 'webhook',
      destination: `4242000${k}`,
      deliveryKey: `${id}.webhook.${k}`,
      payload: { k },
    })),
  };
}

const chunkArb = fc
  .array(fc.record({ p: fc.integer({ min: 0, max: 2 }), o: fc.integer({ min: 0, max: 1 }) }), { minLength: 1, maxLength: PADDED_MAX_ROWS })
  .map((rows) => rows.map((r, i) => write(i, r.p, r.o)));

describe('group-commit statement', () => {
  it('paddedSize: the next power of two, 0 for 0', () => {
    expect([0, 1, 2, 3, 4, 5, 9, 16, 17, 32].map(paddedSize)).toEqual([0, 1, 2, 4, 4, 8, 16, 16, 32, 32]);
  });

  /** The journal's columns per row (imported_at, migration 0161, is the 23rd). */
  const COLS = 23;

  it('padded, the text depends only on the padded sizes of its three parts', () => {
    const byShape = new Map<string, Set<string>>();
    fc.assert(
      fc.property(chunkArb, (chunk) => {
        const p = chunk.reduce((n, w) => n + w.postbus.length, 0);
        const o = chunk.reduce((n, w) => n + w.outbox.length, 0);
        const { sql, params } = batchStatement(chunk, 'binary', true);
        const shape = `${paddedSize(chunk.length)}|${paddedSize(p)}|${paddedSize(o)}`;
        byShape.set(shape, (byShape.get(shape) ?? new Set()).add(sql));
        // Real values first in each part, then NULL padding: every row has its columns, nothing else.
        expect(params).toHaveLength(COLS * paddedSize(chunk.length) + 3 * paddedSize(p) + 5 * paddedSize(o));
        expect(params.filter((v) => v === null).length).toBeGreaterThanOrEqual(COLS * (paddedSize(chunk.length) - chunk.length));
      }),
      { numRuns: 300 },
    );
    for (const texts of byShape.values()) expect(texts.size).toBe(1);
    expect(byShape.size).toBeGreaterThan(5);
  });

  it('unpadded, nothing is added', () => {
    const chunk = [write(0, 1, 0), write(1, 1, 1), write(2, 0, 0)];
    const { params } = batchStatement(chunk, 'hex', false);
    expect(params).toHaveLength(COLS * 3 + 3 * 2 + 5 * 1);
  });
});
