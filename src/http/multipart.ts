/**
 * multipart/form-data (RFC 7578) bodies, as far as a batch of files needs: every part with a
 * `filename` is a file, other fields are ignored. One pass over the body with Buffer.indexOf (linear);
 * a file's bytes are a view into the body, not a copy.
 */

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

export interface MultipartFile {
  /** The form field's name. */
  readonly field: string;
  readonly filename: string;
  readonly contentType?: string;
  readonly bytes: Uint8Array;
}

/** The boundary of a `multipart/form-data; boundary=…` Content-Type, or undefined when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const [type, ...params] = contentType.split(';').map((s) => s.trim());
  if (type?.toLowerCase() !== 'multipart/form-data') return undefined;
  for (const p of params) {
    const m = /^boundary=(?:"([^"]{1,70})"|([^\s";]{1,70}))$/i.exec(p);
    if (m) return m[1] ?? m[2];
  }
  return undefined;
}

/** A header parameter (`name="x"`, `filename*=UTF-8''…`) of a Content-Disposition value. */
function param(disposition: string, name: string): string | undefined {
  const star = new RegExp(`;\\s*${name}\\*=(?:UTF-8|utf-8)''([^;]+)`).exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      throw new MultipartError(`${name}*: not a percent-encoded UTF-8 value`);
    }
  }
  const quoted = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(disposition);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
  const bare = new RegExp(`;\\s*${name}=([^;\\s]+)`).exec(disposition);
  return bare?.[1];
}

/** The files of a multipart/form-data body, in order. Throws MultipartError when the body is not well-formed. */
export function parseMultipart(body: Uint8Array, boundary: string): MultipartFile[] {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first boundary may open the body or follow a preamble.
  let at = buf.subarray(0, dash.length).equals(dash) ? 0 : buf.indexOf(delimiter);
  if (at < 0) throw new MultipartError('the boundary of the Content-Type does not occur in the body');
  at += at === 0 ? dash.length : delimiter.length;
  const files: MultipartFile[] = [];
  for (;;) {
    // After a boundary: `--` ends the body, CRLF starts a part (transport padding allowed before it).
    while (buf[at] === 0x20 || buf[at] === 0x09) at++;
    if (buf[at] === 0x2d && buf[at + 1] === 0x2d) return files;
    if (buf[at] !== 0x0d || buf[at + 1] !== 0x0a) throw new MultipartError('a boundary is not followed by CRLF or --');
    at += 2;
    const headEnd = buf.indexOf('\r\n\r\n', at);
    if (headEnd < 0) throw new MultipartError('a part has no end of its headers');
    const headers = new Map<string, string>();
    for (const line of buf.toString('utf8', at, headEnd).split('\r\n')) {
      if (line === '') continue;
      const colon = line.indexOf(':');
      if (colon <= 0) throw new MultipartError('a part header without a name');
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const next = buf.indexOf(delimiter, headEnd + 4);
    if (next < 0) throw new MultipartError('the body ends inside a part (no closing boundary)');
    const disposition = headers.get('content-disposition') ?? '';
    if (!/^form-data\b/i.test(disposition)) throw new MultipartError('a part without Content-Disposition: form-data');
    const filename = param(disposition, 'filename');
    if (filename !== undefined) {
      const contentType = headers.get('content-type');
      files.push({
        field: param(disposition, 'name') ?? '',
        filename,
        ...(contentType ? { contentType } : {}),
        bytes: new Uint8Array(buf.buffer, buf.byteOffset + headEnd + 4, next - headEnd - 4),
      });
    }
    at = next + delimiter.length;
  }
}
