/**
 * A strict, streaming, namespace-aware XML 1.0 tokenizer for berichten.
 *
 * Why our own: saxes (a conforming SAX parser) walks every character through a state machine and
 * was ~55 % of validation time; on a 25 MB 323 a cold run took 1.0 s against xmllint's 0.31 s
 * (target ≤ 2×). Berichten are a small subset of XML — UTF-8, no DTD, no entities beyond the five
 * predefined ones — so this tokenizer jumps between markup with native `indexOf` and sticky
 * regular expressions instead, and refuses everything outside the subset:
 *  - DOCTYPE is refused outright (XXE, billion laughs); any other `&name;` is an error.
 *  - Well-formedness: one root, matching end tags, unique attributes (also after namespace
 *    expansion), bound prefixes, legal names and characters, `--` not in comments, `]]>` not in
 *    text, the XML declaration only at the very start.
 * Line ends are normalised (CR LF and lone CR → LF) as XML 1.0 §2.11 requires, so values compare
 * and count like libxml2's.
 *
 * Every construct is handled in time linear in its size, and the shapes no bericht needs are capped
 * (XML_LIMITS): a 2.3 MB start tag of 200,000 attributes once held a validation thread for minutes.
 */

/**
 * Caps on a document's shape; beyond them the tokenizer stops with `limit`. The iJw/iWmo XSDs declare
 * no attributes (a bericht carries only namespace declarations and perhaps xsi:schemaLocation), nest
 * about ten levels deep and have element names of a few dozen characters, so the caps are generous.
 */
export const XML_LIMITS = {
  /** Attributes (namespace declarations included) on one element. */
  attributesPerElement: 64,
  /** Open elements at once. */
  depth: 64,
  /** Characters in an element or attribute name, prefix included. */
  nameLength: 256,
} as const;

export interface TokenHandler {
  /** A start tag. `attrs` is undefined when the tag has none (the common case). */
  open(local: string, uri: string, attrs: readonly XmlAttribute[] | undefined): void;
  /** An end tag (or the end of an empty-element tag). */
  end(): void;
  /** Character data (entities decoded, line ends normalised); `cdata` for CDATA sections. */
  text(data: string, cdata: boolean): void;
  /**
   * Optional: a run of spaces, tabs and line feeds inside an element, given as `s[from, to)` so no
   * string is made for it. Indentation is about a third of a bericht's tokens, and nearly always
   * ignored (element-only content). Without this method such runs arrive through `text`.
   */
  space?(s: string, from: number, to: number): void;
  /** A DOCTYPE declaration was found; the tokenizer stops after this. */
  doctype(): void;
  /** A well-formedness error; the tokenizer stops after this. */
  error(message: string): void;
  /**
   * The document exceeds one of XML_LIMITS (the message names the cap); the tokenizer stops after
   * this. Without this method the refusal arrives through `error`.
   */
  limit?(message: string): void;
  /** The encoding named in the XML declaration, if any. */
  declaration?(encoding: string | undefined): void;
  /**
   * Maps a declared namespace URI to the handler's own string object for it, once per xmlns
   * declaration, so that the handler can compare URIs by identity on every element afterwards.
   */
  internUri?(uri: string): string;
}

export interface XmlAttribute {
  readonly name: string;
  readonly local: string;
  readonly prefix: string;
  readonly uri: string;
  readonly value: string;
}

const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';
const XML_URI = 'http://www.w3.org/XML/1998/namespace';

// XML 1.0 (5th ed.) NameStartChar / NameChar without ':' (namespaces make names NCNames).
const NCSTART =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NCCHAR = `${NCSTART}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME = `[${NCSTART}][${NCCHAR}]*`;
/** QName at a position: prefix? local. The full XML name rules, for names with non-ASCII characters. */
const QNAME_Y = new RegExp(`(${NCNAME})(?::(${NCNAME}))?`, 'uy');

/** A QName found at a position: the whole name, then prefix and local (or the local name alone). */
type QName = readonly [qname: string, first: string, second: string | undefined];

/** ASCII NameStartChar (A-Z, a-z, _) and NameChar (those, 0-9, '-', '.'), without ':'. */
function asciiStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}
function asciiChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e;
}

/** Where a QName found by `scanQName` ends, and where its ':' is (-1: no prefix). */
interface NameSpan {
  nameEnd: number;
  nameColon: number;
}

/**
 * Finds the QName at `at` and records its end and colon in `out`; false when there is none. Element
 * names in berichten are ASCII, so they are scanned by character code; a name that meets a non-ASCII
 * character goes to the Unicode regular expression (measured on a 7.6 KB JW301: the `u`-flag regex
 * was ~20 % of tokenizing). Positions, not strings: start tags are a third of a bericht's tokens.
 */
function scanQName(s: string, at: number, out: NameSpan): boolean {
  const n = s.length;
  let i = at;
  if (i >= n) return false;
  let c = s.charCodeAt(i);
  if (!asciiStart(c)) return c >= 0x80 ? scanQNameSlow(s, at, out) : false;
  for (i++; i < n; i++) {
    c = s.charCodeAt(i);
    if (!asciiChar(c)) break;
  }
  if (i < n && c >= 0x80) return scanQNameSlow(s, at, out);
  if (i + 1 < n && c === 0x3a /* : */) {
    const c2 = s.charCodeAt(i + 1);
    if (asciiStart(c2)) {
      let j = i + 2;
      for (; j < n; j++) {
        c = s.charCodeAt(j);
        if (!asciiChar(c)) break;
      }
      if (j < n && c >= 0x80) return scanQNameSlow(s, at, out);
      out.nameEnd = j;
      out.nameColon = i;
      return true;
    }
    if (c2 >= 0x80) return scanQNameSlow(s, at, out);
  }
  out.nameEnd = i;
  out.nameColon = -1;
  return true;
}

function scanQNameSlow(s: string, at: number, out: NameSpan): boolean {
  QNAME_Y.lastIndex = at;
  const m = QNAME_Y.exec(s);
  if (!m) return false;
  out.nameEnd = at + m[0].length;
  out.nameColon = m[2] !== undefined ? at + m[1]!.length : -1;
  return true;
}

/** The QName at `at` as strings (attributes, processing instructions), or null. */
function qnameAt(s: string, at: number): QName | null {
  const span: NameSpan = { nameEnd: 0, nameColon: -1 };
  if (!scanQName(s, at, span)) return null;
  const q = s.slice(at, span.nameEnd);
  return span.nameColon < 0 ? [q, q, undefined] : [q, s.slice(at, span.nameColon), s.slice(span.nameColon + 1, span.nameEnd)];
}

/** The position after the XML whitespace (space, tab, LF, CR) starting at `p`. */
function skipWs(s: string, p: number): number {
  const n = s.length;
  while (p < n) {
    const c = s.charCodeAt(p);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) break;
    p++;
  }
  return p;
}

/** True when `s[from, to)` holds only spaces, tabs and line feeds (no CR: that needs normalising). */
function isIndent(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09) return false;
  }
  return true;
}

const ATTR_VALUE_Y = /"([^<"]*)"|'([^<']*)'/y;
const XML_DECL =
  /^<\?xml[ \t\n\r]+version[ \t\n\r]*=[ \t\n\r]*(["'])1\.[0-9]+\1(?:[ \t\n\r]+encoding[ \t\n\r]*=[ \t\n\r]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[ \t\n\r]+standalone[ \t\n\r]*=[ \t\n\r]*(["'])(?:yes|no)\4)?[ \t\n\r]*\?>$/;
/** Characters XML 1.0 does not allow anywhere (§2.2), including unpaired surrogates. */
// In `u` mode a surrogate pair is one code point, so the surrogate range only matches unpaired halves.
const ILLEGAL_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/u;
const ENTITY = /&(?:(lt|gt|amp|apos|quot)|#([0-9]+)|#x([0-9a-fA-F]+));/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function legalCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

class Stop extends Error {}

/**
 * An open element. Its qualified name is `src[at, at + len)`: while the element's start tag is in
 * the current buffer that is the buffer itself, so no string is made for the name; `rebase` copies
 * the name out before the buffer is dropped (chunked input).
 */
interface Scope {
  src: string;
  at: number;
  readonly len: number;
  /** Prefix → URI bindings declared on this element (undefined: none, the common case). */
  readonly ns: Map<string, string> | undefined;
}

export class XmlTokenizer {
  private buf = '';
  private stack: Scope[] = [];
  private defaultNs: string[] = [''];
  private bindings = new Map<string, string[]>([['xml', [XML_URI]]]);
  private started = false;
  private rootClosed = false;
  private done = false;

  constructor(private readonly h: TokenHandler) {}

  write(chunk: string): void {
    if (this.done) return;
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    try {
      this.run(false);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
  }

  close(): void {
    if (this.done) return;
    try {
      this.run(true);
      if (this.done) return;
      if (this.buf.length) this.fail('unexpected end of document');
      if (!this.started || this.stack.length > 0 || !this.rootClosed)
        this.fail(this.started ? 'unexpected end of document: unclosed element' : 'no root element');
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
    }
    this.done = true;
  }

  private fail(message: string): never {
    this.done = true;
    this.h.error(message);
    throw new Stop();
  }

  /** Stops at a cap of XML_LIMITS. The message names the cap only, never a name or value from the document. */
  private refuse(message: string): never {
    this.done = true;
    if (this.h.limit) this.h.limit(message);
    else this.h.error(message);
    throw new Stop();
  }

  private run(final: boolean): void {
    const s = this.buf;
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      if (pos > 0) this.atStart = false;
      const lt = s.indexOf('<', pos);
      if (lt !== pos) {
        const end = lt < 0 ? n : lt;
        if (lt < 0 && !final) {
          // Keep a possibly incomplete entity or CR for the next chunk; emit the rest.
          // Only the tail can hold a cut entity (the longest, &#x10FFFF;, has 10 characters), so
          // look back at most 10 characters rather than over the whole buffer.
          let amp = -1;
          for (let i = n - 1; i >= pos && i >= n - 10; i--) {
            const c = s.charCodeAt(i);
            if (c === 0x3b /* ; */) break;
            if (c === 0x26 /* & */) {
              amp = i;
              break;
            }
          }
          const cut = amp >= 0 ? amp : s.charCodeAt(n - 1) === 0x0d ? n - 1 : n;
          if (cut > pos) this.chars(s, pos, cut);
          pos = cut;
          break;
        }
        if (this.h.space !== undefined && this.stack.length > 0 && isIndent(s, pos, end)) this.h.space(s, pos, end);
        else this.chars(s, pos, end);
        pos = end;
        continue;
      }
      // Markup at pos.
      const c1 = s.charCodeAt(pos + 1);
      if (c1 === 0x2f /* / */) {
        const gt = s.indexOf('>', pos + 2);
        if (gt < 0) break;
        this.endTag(s, pos + 2, gt);
        pos = gt + 1;
      } else if (c1 === 0x3f /* ? */) {
        const e = s.indexOf('?>', pos + 2);
        if (e < 0) break;
        this.pi(s.slice(pos, e + 2));
        pos = e + 2;
      } else if (c1 === 0x21 /* ! */) {
        if (s.startsWith('<!--', pos)) {
          const e = s.indexOf('-->', pos + 4);
          if (e < 0) break;
          const body = s.slice(pos + 4, e);
          if (body.includes('--') || body.endsWith('-')) this.fail("'--' is not allowed inside a comment");
          if (ILLEGAL_CHAR.test(body)) this.fail('illegal character in a comment');
          pos = e + 3;
        } else if (s.startsWith('<![CDATA[', pos)) {
          const e = s.indexOf(']]>', pos + 9);
          if (e < 0) break;
          if (this.stack.length === 0) this.fail('CDATA section outside the root element');
          const body = s.slice(pos + 9, e);
          if (ILLEGAL_CHAR.test(body)) this.fail('illegal character in a CDATA section');
          this.h.text(normaliseLineEnds(body), true);
          pos = e + 3;
        } else if (n - pos < 9 && !final) {
          break;
        } else if (s.startsWith('<!DOCTYPE', pos)) {
          this.done = true;
          this.h.doctype();
          throw new Stop();
        } else this.fail('unknown markup declaration');
      } else if (Number.isNaN(c1)) {
        break; // '<' at the end of the chunk
      } else {
        const next = this.startTag(s, pos, final);
        if (next < 0) break;
        pos = next;
      }
    }
    this.rebase(s);
    this.buf = pos >= n ? '' : s.slice(pos);
  }

  /** Open elements whose names still point into `s` get their own copy: `s` is about to go. */
  private rebase(s: string): void {
    for (const sc of this.stack) {
      if (sc.src === s) {
        sc.src = s.slice(sc.at, sc.at + sc.len);
        sc.at = 0;
      }
    }
  }

  /** Where the element name `startTag` last found ends, and its ':' (reused: no object per tag). */
  private readonly name: NameSpan = { nameEnd: 0, nameColon: -1 };

  /** The character data `s[from, to)`. */
  private chars(s: string, from: number, to: number): void {
    // One pass over the characters decides what (if anything) needs the slower paths: most text
    // is either indentation between tags or a short value without markup characters. The scan
    // reads the buffer itself: a slice's `length` is a megamorphic load (a slice can be any of 5+
    // string representations), and it was read once per character (perf: ~3 % of validating the
    // 28-message corpus).
    let ws = true;
    let special = false;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x09) continue;
      if (c === 0x0d || c === 0x26 /* & */ || c === 0x5d /* ] */ || c < 0x20 || c >= 0xd800) special = true;
      if (c !== 0x0d) ws = false;
    }
    if (this.stack.length === 0) {
      if (!ws) this.fail(this.rootClosed ? 'text after the root element' : 'text before the root element');
      return;
    }
    let t = s.slice(from, to);
    if (ws) {
      this.h.text(t, false);
      return;
    }
    if (special) {
      if (ILLEGAL_CHAR.test(t)) this.fail('illegal character in text');
      if (t.includes(']]>')) this.fail("']]>' is not allowed in text");
      // Line ends first: a CR written as &#13; must survive as CR.
      t = normaliseLineEnds(t);
      if (t.includes('&')) t = decodeEntities(t, (m) => this.fail(m));
    }
    this.h.text(t, false);
  }

  private pi(body: string): void {
    if (/^<\?xml[ \t\n\r?]/i.test(body)) {
      if (!this.atStart) this.fail('the XML declaration is only allowed at the very start');
      const m = XML_DECL.exec(body);
      if (!m || !body.startsWith('<?xml')) this.fail('malformed XML declaration');
      this.atStart = false;
      this.h.declaration?.(m[3]);
      return;
    }
    const m = qnameAt(body, 2);
    if (!m || m[2] !== undefined) this.fail('malformed processing instruction');
    const rest = body.slice(2 + m[0].length, -2);
    if (rest.length && !/^[ \t\n\r]/.test(rest)) this.fail('malformed processing instruction');
    if (ILLEGAL_CHAR.test(rest)) this.fail('illegal character in a processing instruction');
  }

  /** True until the first token: the XML declaration is only allowed there. */
  private atStart = true;

  private endTag(s: string, from: number, gt: number): void {
    const top = this.stack.pop();
    // A char-by-char compare: `startsWith(q, from)` was the single hottest line of tokenizing (~25 %).
    const len = top?.len ?? 0;
    let ok = top !== undefined && gt - from >= len;
    if (ok) {
      const src = top!.src;
      const at = top!.at;
      for (let i = 0; ok && i < len; i++) ok = s.charCodeAt(from + i) === src.charCodeAt(at + i);
    }
    for (let i = from + len; ok && i < gt; i++) {
      const c = s.charCodeAt(i);
      ok = c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
    }
    if (!ok) {
      const name = s.slice(from, gt);
      if (name.trimEnd().length > XML_LIMITS.nameLength) this.refuse(`an element name longer than ${XML_LIMITS.nameLength} characters`);
      this.fail(
        top ? `end tag </${name}> does not match <${top.src.slice(top.at, top.at + len)}>` : `end tag </${name}> without a start tag`,
      );
    }
    if (top!.ns) this.unbind(top!.ns);
    this.h.end();
    if (this.stack.length === 0) this.rootClosed = true;
  }

  /** Returns the position after the tag, or -1 when the tag is not complete in the buffer yet. */
  private startTag(s: string, pos: number, final: boolean): number {
    if (this.rootClosed) this.fail('a second root element');
    if (!scanQName(s, pos + 1, this.name)) {
      if (!final && s.length - pos < 16) return -1;
      this.fail('malformed start tag');
    }
    const nameEnd = this.name.nameEnd;
    const colon = this.name.nameColon;
    if (nameEnd - pos - 1 > XML_LIMITS.nameLength) this.refuse(`an element name longer than ${XML_LIMITS.nameLength} characters`);
    if (this.stack.length >= XML_LIMITS.depth) this.refuse(`elements nested more than ${XML_LIMITS.depth} deep`);
    let p = nameEnd;
    let raw: { name: string; prefix: string; local: string; value: string }[] | undefined;
    /** Attribute names seen so far, once there are enough that a linear search would add up. */
    let names: Set<string> | undefined;
    let nsDecl: Map<string, string> | undefined;
    for (;;) {
      const afterWs = skipWs(s, p);
      const ws = afterWs - p;
      p = afterWs;
      if (p >= s.length) {
        if (final) this.fail('unexpected end inside a start tag');
        return -1;
      }
      const c = s.charCodeAt(p);
      if (c === 0x3e /* > */) {
        p += 1;
        break;
      }
      if (c === 0x2f /* / */) {
        if (p + 1 >= s.length) {
          if (final) this.fail('unexpected end inside a start tag');
          return -1;
        }
        if (s.charCodeAt(p + 1) !== 0x3e) this.fail('malformed start tag');
        p += 2;
        this.openElement(s, pos + 1, nameEnd, colon, raw, nsDecl);
        this.closeEmpty();
        return p;
      }
      // A name cut after its prefix ("<jw301:" | "Bericht") continues in the next chunk.
      if (c === 0x3a && p + 1 >= s.length && !final) return -1;
      if (ws === 0) this.fail('attributes must be separated by whitespace');
      if (raw !== undefined && raw.length >= XML_LIMITS.attributesPerElement)
        this.refuse(`more than ${XML_LIMITS.attributesPerElement} attributes on one element`);
      const a = qnameAt(s, p);
      if (!a) this.fail('malformed attribute');
      if (a[0].length > XML_LIMITS.nameLength) this.refuse(`an attribute name longer than ${XML_LIMITS.nameLength} characters`);
      p += a[0].length;
      p = skipWs(s, p);
      if (p >= s.length || (s.charCodeAt(p) === 0x3a && p + 1 >= s.length)) {
        if (final) this.fail('unexpected end inside a start tag');
        return -1;
      }
      if (s.charCodeAt(p) !== 0x3d /* = */) this.fail('attribute without a value');
      p++;
      p = skipWs(s, p);
      ATTR_VALUE_Y.lastIndex = p;
      const v = ATTR_VALUE_Y.exec(s);
      if (!v) {
        const q = s.charCodeAt(p);
        if ((q === 0x22 || q === 0x27) && s.indexOf(String.fromCharCode(q), p + 1) < 0 && !final) return -1;
        if (p >= s.length && !final) return -1;
        this.fail('malformed attribute value');
      }
      p = ATTR_VALUE_Y.lastIndex;
      let value = v[1] ?? v[2] ?? '';
      if (ILLEGAL_CHAR.test(value)) this.fail('illegal character in an attribute value');
      value = normaliseLineEnds(value).replace(/[\t\n]/g, ' ');
      if (value.includes('&')) value = decodeEntities(value, (msg) => this.fail(msg));
      const prefix = a[2] !== undefined ? a[1]! : '';
      const local = a[2] ?? a[1]!;
      raw ??= [];
      if (names !== undefined ? names.has(a[0]) : raw.some((r) => r.name === a[0])) this.fail(`duplicate attribute ${a[0]}`);
      raw.push({ name: a[0], prefix, local, value });
      if (names !== undefined) names.add(a[0]);
      else if (raw.length >= 8) names = new Set(raw.map((r) => r.name));
      if (prefix === 'xmlns' || (prefix === '' && local === 'xmlns')) {
        const key = prefix === '' ? '' : local;
        if (key === 'xmlns') this.fail('the xmlns prefix cannot be declared');
        if (key === 'xml' ? value !== XML_URI : value === XML_URI || value === XMLNS_URI) this.fail('illegal namespace binding');
        if (key !== '' && value === '') this.fail(`empty namespace for prefix ${key}`);
        nsDecl ??= new Map();
        nsDecl.set(key, this.h.internUri ? this.h.internUri(value) : value);
      }
    }
    this.openElement(s, pos + 1, nameEnd, colon, raw, nsDecl);
    return p;
  }

  /** The element whose QName is `s[at, end)`, with its prefix before `colon` (-1: none). */
  private openElement(
    s: string,
    at: number,
    end: number,
    colon: number,
    raw: { name: string; prefix: string; local: string; value: string }[] | undefined,
    nsDecl: Map<string, string> | undefined,
  ): void {
    this.started = true;
    if (nsDecl) this.bind(nsDecl);
    this.stack.push({ src: s, at, len: end - at, ns: nsDecl });
    const local = s.slice(colon < 0 ? at : colon + 1, end);
    const uri = colon < 0 ? this.defaultNs[this.defaultNs.length - 1]! : this.lookupAt(s, at, colon);
    let attrs: XmlAttribute[] | undefined;
    if (raw) {
      attrs = [];
      const seen = new Set<string>();
      for (const r of raw) {
        const auri =
          r.prefix === 'xmlns' || (r.prefix === '' && r.local === 'xmlns') ? XMLNS_URI : r.prefix === '' ? '' : this.lookup(r.prefix);
        const key = `${auri}|${r.local}`;
        if (auri !== XMLNS_URI && seen.has(key)) this.fail(`duplicate attribute ${r.name}`);
        seen.add(key);
        attrs.push({ name: r.name, local: r.local, prefix: r.prefix, uri: auri, value: r.value });
      }
    }
    this.h.open(local, uri, attrs);
  }

  private closeEmpty(): void {
    const top = this.stack.pop()!;
    if (top.ns) this.unbind(top.ns);
    this.h.end();
    if (this.stack.length === 0) this.rootClosed = true;
  }

  /**
   * The namespace a prefix is bound to at the current element ('' = the default namespace), for
   * QName-valued content such as xsi:type; undefined when unbound.
   */
  resolvePrefix(prefix: string): string | undefined {
    if (prefix === '') return this.defaultNs[this.defaultNs.length - 1] || undefined;
    const b = this.bindings.get(prefix);
    return b?.[b.length - 1];
  }

  /**
   * The last few prefixes looked up and their URIs, emptied whenever a binding changes. Every
   * element name is a fresh string, so a Map look-up hashes it each time (~15 % of tokenizing a
   * JW301); a bericht uses two or three prefixes, compared here by value.
   */
  private readonly seenPrefixes: string[] = [];
  private readonly seenUris: string[] = [];

  /** `lookup` for the prefix `s[at, end)`, compared in place against the last few seen. */
  private lookupAt(s: string, at: number, end: number): string {
    const seen = this.seenPrefixes;
    const len = end - at;
    for (let i = 0; i < seen.length; i++) {
      const p = seen[i]!;
      if (p.length !== len) continue;
      let same = true;
      for (let k = 0; same && k < len; k++) same = p.charCodeAt(k) === s.charCodeAt(at + k);
      if (same) return this.seenUris[i]!;
    }
    return this.lookup(s.slice(at, end));
  }

  private lookup(prefix: string): string {
    const seen = this.seenPrefixes;
    for (let i = 0; i < seen.length; i++) if (seen[i] === prefix) return this.seenUris[i]!;
    const b = this.bindings.get(prefix);
    const uri = b?.[b.length - 1];
    if (uri === undefined) this.fail(`unbound namespace prefix ${prefix}`);
    if (seen.length < 4) {
      seen.push(prefix);
      this.seenUris.push(uri);
    }
    return uri;
  }

  private forgetPrefixes(): void {
    this.seenPrefixes.length = 0;
    this.seenUris.length = 0;
  }

  private bind(ns: Map<string, string>): void {
    this.forgetPrefixes();
    for (const [k, v] of ns) {
      if (k === '') this.defaultNs.push(v);
      else {
        const b = this.bindings.get(k);
        if (b) b.push(v);
        else this.bindings.set(k, [v]);
      }
    }
  }

  private unbind(ns: Map<string, string>): void {
    this.forgetPrefixes();
    for (const k of ns.keys()) {
      if (k === '') this.defaultNs.pop();
      else this.bindings.get(k)!.pop();
    }
  }
}

function normaliseLineEnds(t: string): string {
  return t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t;
}

function decodeEntities(t: string, fail: (m: string) => never): string {
  let out = '';
  let last = 0;
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(t); m; m = ENTITY.exec(t)) {
    const between = t.slice(last, m.index);
    if (between.includes('&')) fail('undefined entity or bare & in text');
    out += between;
    if (m[1]) out += PREDEFINED[m[1]]!;
    else {
      const cp = m[2] !== undefined ? Number(m[2]) : parseInt(m[3]!, 16);
      if (!legalCodePoint(cp)) fail('character reference to an illegal character');
      out += String.fromCodePoint(cp);
    }
    last = ENTITY.lastIndex;
  }
  const tail = t.slice(last);
  if (tail.includes('&')) fail('undefined entity or bare & in text');
  return out + tail;
}
