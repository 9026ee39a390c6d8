import { describe, expect, it } from 'vitest';
import { contentDisposition, retourFileName } from './batches.js';

describe('batch retour file names', () => {
  it('name a retour after its file, .xml → .retour.xml (any case), other names get the suffix', () => {
    expect(retourFileName('B0008-l2.xml')).toBe('B0008-l2.retour.xml');
    expect(retourFileName('JW301.XML')).toBe('JW301.retour.xml');
    expect(retourFileName('export')).toBe('export.retour.xml');
  });
  it('Content-Disposition: an ASCII fallback without quotes or paths, and the exact name in RFC 8187 encoding', () => {
    expect(contentDisposition('a.retour.xml')).toBe(`attachment; filename="a.retour.xml"; filename*=UTF-8''a.retour.xml`);
    expect(contentDisposition('één "x".xml')).toBe(
      `attachment; filename="__n__x_.xml"; filename*=UTF-8''${encodeURIComponent('één "x".xml')}`,
    );
    expect(contentDisposition("it's (1).xml")).toContain(`filename*=UTF-8''it%27s%20%281%29.xml`);
  });
});
