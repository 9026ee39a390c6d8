import { describe, expect, it } from 'vitest';
import { makeZip } from '../../test/support/zip.js';
import { openBatchZip, readZip, writeZip, ZipError } from './zip.js';

const LIMITS = { maxFiles: 100, maxFileBytes: 25 * 1024 * 1024, maxTotalBytes: 60 * 1024 * 1024 };

/** What openBatchZip throws for `zip`: its kind and message. */
function refusal(zip: Uint8Array, limits = LIMITS): { kind: string; message: string } {
  try {
    openBatchZip(zip, limits);
  } catch (err) {
    if (err instanceof ZipError) return { kind: err.kind, message: err.message };
    throw err;
  }
  throw new Error('not refused');
}

describe('readZip', () => {
  it('reads stored and deflated entries in directory order, skipping directories', () => {
    const zip = makeZip([
      { name: 'a/', text: '' },
      { name: 'a/one.xml', text: '<x>1</x>' },
      { name: 'two.xml', text: '<y>'.repeat(500), deflate: true },
    ]);
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['a/one.xml', 'two.xml']);
    expect(Buffer.from(entries[0]!.bytes).toString()).toBe('<x>1</x>');
    expect(Buffer.from(entries[1]!.bytes).toString()).toBe('<y>'.repeat(500));
  });
  it('refuses what is not a zip', () => {
    expect(() => readZip(new TextEncoder().encode('<Bericht/>'))).toThrow(ZipError);
  });
  it('stops inflating an entry that lies about its size', () => {
    const zip = makeZip([{ name: 'b.xml', bytes: new Uint8Array(10_000_000), deflate: true, declaredSize: 100 }]);
    expect(() => readZip(zip)).toThrow(/zip bomb/);
  });
});

describe('openBatchZip (the batch rules)', () => {
  it('gives the files in directory order; bytes() inflates each again', () => {
    const files = openBatchZip(
      makeZip([
        { name: 'a.xml', text: '<a/>' },
        { name: 'b.xml', text: '<b/>'.repeat(100), deflate: true },
      ]),
      LIMITS,
    );
    expect(files.map((f) => [f.name, f.size])).toEqual([
      ['a.xml', 4],
      ['b.xml', 400],
    ]);
    expect(Buffer.from(files[1]!.bytes()).toString()).toBe('<b/>'.repeat(100));
  });
  it('refuses folders, encryption, an empty archive, duplicate names and a wrong checksum', () => {
    expect(refusal(makeZip([{ name: 'dir/', text: '' }]))).toMatchObject({ kind: 'folders' });
    expect(refusal(makeZip([{ name: 'dir/a.xml', text: '<a/>' }]))).toMatchObject({ kind: 'folders' });
    expect(refusal(makeZip([{ name: 'a.xml', text: '<a/>', flags: 1 }]))).toMatchObject({ kind: 'encrypted' });
    expect(refusal(makeZip([]))).toMatchObject({ kind: 'empty' });
    expect(
      refusal(
        makeZip([
          { name: 'a.xml', text: '<a/>' },
          { name: 'a.xml', text: '<b/>' },
        ]),
      ),
    ).toMatchObject({ kind: 'unreadable', message: /twice/ });
    const zip = makeZip([{ name: 'a.xml', text: '<a/>' }]);
    zip[30 + 'a.xml'.length] = 0x3e; // first data byte changed, CRC kept
    expect(refusal(zip)).toMatchObject({ kind: 'unreadable', message: /CRC-32/ });
    expect(refusal(new TextEncoder().encode('PK not really'))).toMatchObject({ kind: 'unreadable' });
  });
  it('refuses a file over the per-file limit and archives over the total or the file count, from the directory alone', () => {
    const small = { maxFiles: 3, maxFileBytes: 1000, maxTotalBytes: 2500 };
    expect(refusal(makeZip([{ name: 'a.xml', text: 'x'.repeat(1001) }]), small)).toMatchObject({ kind: 'too-large', message: /a\.xml/ });
    const three = ['a', 'b', 'c'].map((n) => ({ name: `${n}.xml`, text: 'x'.repeat(900) }));
    expect(refusal(makeZip(three), small)).toMatchObject({ kind: 'too-large', message: /uncompressed in all/ });
    const four = ['a', 'b', 'c', 'd'].map((n) => ({ name: `${n}.xml`, text: 'x' }));
    expect(refusal(makeZip(four), small)).toMatchObject({ kind: 'too-large', message: /at most 3 files/ });
  });
  it('refuses zip bombs in bounded memory and time: honest sizes, a lying size, overlapping entries', () => {
    const zeros = new Uint8Array(32 * 1024 * 1024);
    // 32 MB of zeros deflates to ~32 KB: its honest directory is over the per-file limit.
    const honest = makeZip([{ name: 'big.xml', bytes: zeros, deflate: true }]);
    // The same zeros declared as 1 KB: inflating stops at 1 KB.
    const liar = makeZip([{ name: 'liar.xml', bytes: zeros, deflate: true, declaredSize: 1024 }]);
    // 1,000 directory entries over one 20 MB kernel (each within the per-file limit, 20 GB in all).
    const overlapping = makeZip(
      [{ name: 'k.xml', bytes: zeros.subarray(0, 20 * 1024 * 1024), deflate: true }],
      Array.from({ length: 999 }, (_, i) => ({ name: `k${i}.xml`, of: 0 })),
    );
    expect(honest.length + liar.length + overlapping.length).toBeLessThan(200_000);
    const roomy = { maxFiles: 1000, maxFileBytes: 25 * 1024 * 1024, maxTotalBytes: Number.MAX_SAFE_INTEGER };
    const t0 = performance.now();
    expect(refusal(honest)).toMatchObject({ kind: 'too-large', message: /big\.xml/ });
    expect(refusal(liar)).toMatchObject({ kind: 'too-large', message: /zip bomb/ });
    expect(refusal(overlapping, roomy)).toMatchObject({ kind: 'too-large', message: /overlap/ });
    // Refused from the directory, or after at most 1 KB of inflating: milliseconds, not the 20 GB.
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('writeZip', () => {
  it('writes what readZip and openBatchZip read back, UTF-8 names included', () => {
    const zip = writeZip([
      { name: 'één.retour.xml', bytes: new TextEncoder().encode('<r>1</r>') },
      { name: 'b.xml', bytes: new TextEncoder().encode('<r>2</r>'.repeat(1000)) },
    ]);
    expect(readZip(zip).map((e) => [e.name, Buffer.from(e.bytes).toString().slice(0, 8)])).toEqual([
      ['één.retour.xml', '<r>1</r>'],
      ['b.xml', '<r>2</r>'],
    ]);
    expect(openBatchZip(zip, LIMITS).map((f) => f.size)).toEqual([8, 8000]);
  });
});
