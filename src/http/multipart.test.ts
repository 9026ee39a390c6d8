import { describe, expect, it } from 'vitest';
import { MultipartError, multipartBoundary, parseMultipart } from './multipart.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

describe('multipart/form-data', () => {
  it('reads the boundary of the Content-Type, quoted or not, and nothing else', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc123')).toBe('abc123');
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(multipartBoundary('multipart/mixed; boundary=abc')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });
  it('gives the parts with a filename, in order, their bytes exact (CRLF inside kept); other fields ignored', () => {
    const body = enc(
      'preamble\r\n--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.xml"\r\nContent-Type: application/xml\r\n\r\n<a>\r\n</a>\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8\'\'%C3%A9%C3%A9n.xml\r\n\r\n\r\n' +
        '--XyZ--\r\nepilogue',
    );
    const files = parseMultipart(body, 'XyZ');
    expect(files.map((f) => [f.field, f.filename, f.contentType, text(f.bytes)])).toEqual([
      ['file', 'a.xml', 'application/xml', '<a>\r\n</a>'],
      ['file', 'één.xml', undefined, ''],
    ]);
  });
  it('refuses a body that is not well-formed', () => {
    expect(() => parseMultipart(enc('no boundary here'), 'XyZ')).toThrow(MultipartError);
    expect(() => parseMultipart(enc('--XyZ\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\nabc'), 'XyZ')).toThrow(
      /closing boundary/,
    );
    expect(() => parseMultipart(enc('--XyZ\r\nX-Other: 1\r\n\r\nabc\r\n--XyZ--'), 'XyZ')).toThrow(/form-data/);
  });
});
