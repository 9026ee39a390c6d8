import { describe, expect, it } from 'vitest';
import { parseVerdicts } from './xmllint-binary.js';

describe('the xmllint binary runner (benchmark, agreement script)', () => {
  it('reads per-file verdicts from stderr; files without a verdict line (not well-formed) are invalid', () => {
    const stderr = [
      '/t/a.xml validates',
      '/t/b.xml:3: element X: Schemas validity error : nope',
      '/t/b.xml fails to validate',
      '/t/c.xml:1: parser error : Document is empty',
      '/t/d.xml:3: namespace error : xmlns:ijw: Empty XML namespace is not allowed',
      '/t/d.xml validates',
    ].join('\n');
    expect(parseVerdicts(['/t/a.xml', '/t/b.xml', '/t/c.xml', '/t/d.xml'], stderr)).toEqual([
      { file: '/t/a.xml', valid: true, errors: [] },
      { file: '/t/b.xml', valid: false, errors: ['/t/b.xml:3: element X: Schemas validity error : nope'] },
      { file: '/t/c.xml', valid: false, errors: ['/t/c.xml:1: parser error : Document is empty'] },
      // libxml2 recovers from the namespace error and says "validates"; the document is not namespace-well-formed.
      { file: '/t/d.xml', valid: false, errors: ['/t/d.xml:3: namespace error : xmlns:ijw: Empty XML namespace is not allowed'] },
    ]);
  });
});
