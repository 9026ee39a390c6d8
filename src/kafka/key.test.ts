import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { berichtKey, bsnsInXml, clientKey, gemeenteOf, pairKey } from './key.js';

const SECRET = 'unit-secret-0123456789';
const bsn = fc.integer({ min: 999_900_006, max: 999_999_990 }).map(String);

describe('message keys', () => {
  it('never contain the BSN and depend on gemeente, BSN and secret', () => {
    fc.assert(
      fc.property(bsn, fc.constantFrom('0363', '0384', '0599'), (b, g) => {
        const k = clientKey(SECRET, g, b);
        expect(k).toMatch(/^[0-9a-f]{32}$/);
        expect(k).not.toContain(b);
        expect(clientKey(SECRET, g, b)).toBe(k);
        expect(clientKey(`${SECRET}x`, g, b)).not.toBe(k);
        expect(clientKey(SECRET, g === '0363' ? '0384' : '0363', b)).not.toBe(k);
      }),
    );
  });

  it('client and pair keys live in different spaces', () => {
    expect(clientKey(SECRET, '0363', '41410017')).not.toBe(pairKey(SECRET, '0363', '41410017'));
  });

  it('finds distinct BSNs with any prefix and picks the key by client count', () => {
    const one = '<a:Client><a:Bsn>999990019</a:Bsn></a:Client>';
    const two = '<x:Bsn>999990044</x:Bsn><x:Bsn>999990056</x:Bsn><x:Bsn>999990044</x:Bsn>';
    expect(bsnsInXml(one)).toEqual(['999990019']);
    expect(bsnsInXml(two)).toEqual(['999990044', '999990056']);
    expect(berichtKey(SECRET, one, '0363', '41410017')).toBe(clientKey(SECRET, '0363', '999990019'));
    expect(berichtKey(SECRET, two, '41410017', '0363')).toBe(pairKey(SECRET, '0363', '41410017'));
    expect(berichtKey(SECRET, '<r/>', '41410017', '0363', one)).toBe(clientKey(SECRET, '0363', '999990019'));
    expect(berichtKey(SECRET, '<r/>', '41410017', '0363')).toBe(pairKey(SECRET, '0363', '41410017'));
  });

  it('the gemeente is the 4-digit party', () => {
    expect(gemeenteOf('0363', '41410017')).toEqual({ gemeente: '0363', aanbieder: '41410017' });
    expect(gemeenteOf('41410017', '0363')).toEqual({ gemeente: '0363', aanbieder: '41410017' });
  });
});
