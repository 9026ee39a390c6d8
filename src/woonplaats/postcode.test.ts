import { describe, expect, it } from 'vitest';
import { createPostcodeTabel, parsePostcodeCsv, pc4, PostcodeTableError } from './postcode.js';

describe('postcode table', () => {
  const t = createPostcodeTabel(parsePostcodeCsv('van,tot,gemeente\n1000,1109,0363\n3400,3409,0356,grens\n3500,3585,0344\n'));

  it('finds the gemeente for a postcode in any spelling', () => {
    expect(t.gemeenteVoor('1095AB')).toEqual({ gemeente: '0363', zekerheid: 'midden' });
    expect(t.gemeenteVoor('1095 ab')).toEqual({ gemeente: '0363', zekerheid: 'midden' });
    expect(t.gemeenteVoor('3585')).toEqual({ gemeente: '0344', zekerheid: 'midden' });
    expect(t.gemeenteVoor('3401 XX')).toEqual({ gemeente: '0356', zekerheid: 'laag' });
    expect(t.gemeenteVoor('9999AA')).toBeUndefined();
    expect(t.gemeenteVoor('0999AA')).toBeUndefined();
    expect(t.gemeenteVoor('B-1000')).toBeUndefined();
    expect(pc4(' 1234AB ')).toBe(1234);
  });

  it('refuses overlapping or malformed ranges', () => {
    expect(() =>
      createPostcodeTabel([
        { van: 1000, tot: 1100, gemeente: '0363' },
        { van: 1100, tot: 1200, gemeente: '0362' },
      ]),
    ).toThrow(/overlap/);
    expect(() => createPostcodeTabel([{ van: 1200, tot: 1100, gemeente: '0363' }])).toThrow(PostcodeTableError);
    expect(() => createPostcodeTabel([{ van: 1000, tot: 1100, gemeente: '363' }])).toThrow(/gemeentecode/);
    expect(() => parsePostcodeCsv('x,y,z')).toThrow(/line 1/);
  });
});
