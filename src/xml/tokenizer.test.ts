/**
 * Well-formedness and namespace edge cases, each judged by libxml2 (`xmllint --schema`) in the same
 * run: the tokenizer is ours, so its verdicts must be checked against the reference, not asserted
 * from memory. One deliberate difference: a declared non-UTF-8 encoding, which OP192 forbids.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmllintValidate } from '../../test/support/xmllint.js';
import { runEngine, runEngineOnChunks } from '../validation/engine.js';
import { L1Code } from '../validation/issues.js';
import { XmlTokenizer } from './tokenizer.js';

const SHARED = new URL('../../../shared/istandaarden/', import.meta.url);
const x = readFileSync(new URL('samples/ijw/JW305.xml', SHARED), 'utf8');
const XSD = new URL('xsd/ijw/3.2/JW305.xsd', SHARED).pathname;
const A = '<ijw:Achternaam>Wit</ijw:Achternaam>';
const name = (v: string) => x.replace(A, `<ijw:Achternaam>${v}</ijw:Achternaam>`);

const CASES: Record<string, string> = {
  'predefined entity': name('W&amp;t'),
  'bare ampersand': name('W&t'),
  'undefined entity': name('&nbsp;'),
  'character reference': name('&#x57;it'),
  'reference to an illegal character': name('&#1;it'),
  'CDATA value': name('<![CDATA[Wit]]>'),
  'CDATA of spaces in element-only content': x.replace(A, `${A}<![CDATA[ ]]>`),
  'CDATA text in element-only content': x.replace(A, `${A}<![CDATA[x]]>`),
  'comment between elements': x.replace(A, `<!-- c -->${A}`),
  'comment inside a value': name('W<!-- x -->it'),
  'double hyphen in a comment': x.replace(A, `<!-- a -- b -->${A}`),
  'processing instruction': x.replace(A, `<?foo bar?>${A}`),
  'XML declaration not at the start': x.replace(A, `<?xml version="1.0"?>${A}`),
  'control character': name('W\u0001t'),
  '> in text': name('W>t'),
  ']]> in text': name('W]]>t'),
  'undeclared attribute': x.replace('<jw305:Client>', '<jw305:Client foo="1">'),
  'xsi:schemaLocation': x.replace(
    '<jw305:Client>',
    '<jw305:Client xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b">',
  ),
  'duplicate attribute': x.replace('<jw305:Client>', '<jw305:Client xmlns:a="x" xmlns:a="x">'),
  'duplicate expanded attribute': x.replace('<jw305:Client>', '<jw305:Client xmlns:a="u" xmlns:b="u" a:x="1" b:x="2">'),
  'unbound prefix': x.replace(A, '<foo:Achternaam>Wit</foo:Achternaam>'),
  'space in end tag': x.replace('</jw305:Geslacht>', '</jw305:Geslacht >'),
  'mismatched end tag': x.replace('</jw305:Geslacht>', '</jw305:Geslachtt>'),
  'empty-element tag': x.replace('<jw305:Geslacht>1</jw305:Geslacht>', '<jw305:Geslacht/>'),
  'text after the root': `${x}x`,
  'comment after the root': `${x}<!-- end -->`,
  'whitespace before the declaration': `\n${x}`,
  'CRLF inside a value': name('W\r\nt'),
  'default namespace': x.replace(A, '<Achternaam xmlns="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">Wit</Achternaam>'),
  'leading tab in a string value': name('\tWit'),
  '< in text': name('W<t'),
  'astral character': name('W\u{1F600}t'),
  'two roots': x + x.replace(/<\?xml[^>]*>/, ''),
  'prefix redeclared to the same namespace': x.replace(
    '<jw305:Client>',
    '<jw305:Client xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">',
  ),
  'prefix rebound to another namespace': x.replace('<jw305:Client>', '<jw305:Client xmlns:ijw="urn:other">'),
  'unclosed root': x.replace('</jw305:Bericht>', ''),
  'attribute without quotes': x.replace('<jw305:Client>', '<jw305:Client a=1>'),
  'xsi:type naming the declared type': x.replace(
    '<ijw:Dagtekening>',
    '<ijw:Dagtekening xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ijw:LDT_Datum">',
  ),
  'xsi:type naming the declared complex type': x.replace(
    '<jw305:Client>',
    '<jw305:Client xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="jw305:Client">',
  ),
  'xsi:type naming another type': x.replace(
    '<ijw:Dagtekening>',
    '<ijw:Dagtekening xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ijw:LDT_Tijd">',
  ),
  'xsi:type on an anonymous type': x.replace(
    '<jw305:BerichtCode>',
    '<jw305:BerichtCode xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="xs:string">',
  ),
  'xsi:nil': x.replace('<jw305:Client>', '<jw305:Client xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="false">'),
};

async function xmllintAccepts(file: string): Promise<boolean> {
  const [v] = await xmllintValidate(XSD, [file]);
  return v!.valid;
}

describe('tokenizer against libxml2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-wf-'));
  it.each(Object.entries(CASES))('%s: same verdict as xmllint', async (label, doc) => {
    const file = join(dir, 'case.xml');
    writeFileSync(file, doc);
    const sluis = runEngine(Buffer.from(doc));
    expect({ label, valid: sluis.issues.length === 0 }).toEqual({ label, valid: await xmllintAccepts(file) });
  });

  it('refuses a declared non-UTF-8 encoding (OP192), a deliberate difference from libxml2', () => {
    const r = runEngine(Buffer.from(x.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')));
    expect(r.issues.map((i) => i.code)).toEqual([L1Code.ENCODING]);
  });
});

describe('tokenizer streaming', () => {
  it('gives identical events however the input is cut into chunks', () => {
    const doc = readFileSync(new URL('samples/ijw/JW301.xml', SHARED), 'utf8').replace('<ijw:Achternaam>', '<ijw:Achternaam>&amp;&#x57;');
    const events = (chunks: string[]) => {
      const out: string[] = [];
      const t = new XmlTokenizer({
        open: (l, u, a) => out.push(`<${u}|${l}${a ? a.map((v) => ` ${v.name}=${v.value}`).join('') : ''}`),
        end: () => out.push('>'),
        text: (d) => {
          if (out.length && out[out.length - 1]!.startsWith('#')) out[out.length - 1] += d;
          else out.push(`#${d}`);
        },
        doctype: () => out.push('DOCTYPE'),
        error: (m) => out.push(`ERR ${m}`),
      });
      for (const c of chunks) t.write(c);
      t.close();
      return out;
    };
    const whole = events([doc]);
    expect(whole.some((e) => e.startsWith('ERR'))).toBe(false);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: doc.length - 1 }), { maxLength: 40 }), (cuts) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const chunks: string[] = [];
        let prev = 0;
        for (const c of sorted) {
          chunks.push(doc.slice(prev, c));
          prev = c;
        }
        chunks.push(doc.slice(prev));
        expect(events(chunks)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('streams a byte source whose chunk boundaries split UTF-8 sequences', async () => {
    const bytes = Buffer.from(name('Wëtéñ'));
    async function* oneByte() {
      for (const b of bytes) yield Uint8Array.of(b);
    }
    const r = await runEngineOnChunks(oneByte());
    expect(r.issues).toEqual([]);
    expect(JSON.stringify(r.root)).toContain('Wëtéñ');
  });

  it('reads element and attribute names exactly as the XML Name production says (ASCII fast path and Unicode path agree)', () => {
    // Oracle: the XML 1.0 NCName production, written independently of the tokenizer.
    const start =
      'A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}';
    const nc = `[${start}][${start}\\-.0-9\u00B7\u0300-\u036F\u203F-\u2040]*`;
    const QNAME = new RegExp(`^(?:(${nc}):)?(${nc})$`, 'u');
    const alphabet = ['a', 'Z', '_', '-', '.', '0', '9', ':', 'p', 'é', '·', '中', '\u0300', '\u{10400}', '×'];
    const events = (doc: string): string[] => {
      const out: string[] = [];
      const t = new XmlTokenizer({
        open: (local, uri, attrs) =>
          out.push(
            `<${uri}|${local}${(attrs ?? [])
              .filter((a) => a.uri !== 'http://www.w3.org/2000/xmlns/')
              .map((a) => ` ${a.uri}|${a.local}`)
              .join('')}`,
          ),
        end: () => out.push('>'),
        text: () => undefined,
        doctype: () => out.push('DOCTYPE'),
        error: (m) => out.push(`ERR ${m}`),
      });
      t.write(doc);
      t.close();
      return out;
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 8 }).map((a) => a.join('')),
        (name) => {
          const m = QNAME.exec(name);
          // A prefixed name is only well-formed with a bound prefix: 'p' is bound, any other is not.
          const ok = m !== null && (m[1] === undefined || m[1] === 'p');
          const uri = m?.[1] === 'p' ? 'urn:p' : '';
          const el = events(`<r xmlns:p="urn:p"><${name}/></r>`);
          expect(
            el.some((e) => e.startsWith('ERR')),
            `element <${name}>`,
          ).toBe(!ok);
          if (ok) expect(el[1]).toBe(`<${uri}|${m![2]}`);
          const at = events(`<r xmlns:p="urn:p" ${name}="v"/>`);
          const attrOk = ok;
          expect(
            at.some((e) => e.startsWith('ERR')),
            `attribute ${name}`,
          ).toBe(!attrOk);
          if (attrOk) expect(at[0]).toBe(`<|r ${uri}|${m![2]}`);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
