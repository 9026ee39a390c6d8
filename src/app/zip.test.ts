import { describe, expect, it } from 'vitest';
import { makeZip } from '../../test/support/zip.js';
import { readZip, ZipError } from './zip.js';

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
});
