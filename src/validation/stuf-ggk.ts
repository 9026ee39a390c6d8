/**
 * A strict reader of StUF-GGk envelopes (ggk0310 v2.1): a SOAP 1.1 request whose Body holds an
 * `envelopHeenbericht-ggk_Di01` or `envelopRetourbericht-ggk_Du01`, checked against what the ggk0310
 * XSDs allow — element order and cardinality, the simple types' facets, the attributes of `bericht`,
 * no stray text or attributes — over the project's own tokenizer (decision 0026). The envelope's
 * shape is small and fixed, so it is written out here as data instead of generated; its agreement
 * with libxml2 over the real XSDs is tested (stuf-ggk.test.ts). Error texts name the place in the
 * envelope, never a value from it.
 */
import { XmlTokenizer, type XmlAttribute } from '../xml/tokenizer.js';
import { GGK_NS, SOAP11_NS, STUF_NS, XMIME_NS, type GgkEnvelope, type StufSysteem } from '../standard/stuf-ggk.js';
import { MESSAGES } from '../standard/generated/model.js';
import type { MessageDef } from '../standard/model.js';

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

interface Node {
  readonly uri: string;
  readonly local: string;
  readonly attrs: readonly XmlAttribute[];
  readonly children: Node[];
  /** Character data directly inside, concatenated. */
  text: string;
}

export type EnvelopeResult =
  | { readonly ok: true; readonly envelope: GgkEnvelope }
  | {
      readonly ok: false;
      /** `xml`: not well-formed (or a DOCTYPE); `soap`: not a SOAP 1.1 envelope; `schema`: not valid against ggk0310. */
      readonly kind: 'xml' | 'soap' | 'schema';
      readonly detail: string;
      /** What could be read before the failure, for the Fo01's stuurgegevens. */
      readonly partial?: { readonly zender?: StufSysteem; readonly ontvanger?: StufSysteem; readonly referentienummer?: string };
    };

class Invalid extends Error {}

/** Builds the element tree; the tokenizer already checked well-formedness and namespaces. */
function tree(xml: string): Node | string {
  let root: Node | undefined;
  const stack: Node[] = [];
  let failure: string | undefined;
  const t = new XmlTokenizer({
    open(local, uri, attrs) {
      const n: Node = { uri, local, attrs: attrs ?? [], children: [], text: '' };
      if (stack.length) stack.at(-1)!.children.push(n);
      else root = n;
      stack.push(n);
    },
    end() {
      stack.pop();
    },
    text(data) {
      const top = stack.at(-1);
      if (top) top.text += data;
    },
    doctype() {
      failure = 'a DOCTYPE is not allowed';
    },
    error(message) {
      failure = `not well-formed XML: ${message}`;
    },
    declaration(encoding) {
      if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') failure = 'the envelope must be UTF-8';
    },
  });
  t.write(xml);
  t.close();
  if (failure !== undefined) return failure;
  if (!root) return 'no root element';
  return root;
}

const chars = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

type Check = (v: string) => string | undefined;
const maxLen =
  (max: number, min = 0): Check =>
  (v) => {
    const n = chars(v);
    return n > max ? `longer than ${max} characters` : n < min ? `shorter than ${min} characters` : undefined;
  };
const pattern =
  (re: RegExp, what: string): Check =>
  (v) =>
    re.test(v) ? undefined : `not ${what}`;
const fixed =
  (value: string): Check =>
  (v) =>
    v === value ? undefined : `must be ${value}`;

const Refnummer = maxLen(40);
const Tijdstip = pattern(/^[0-9]{8,17}$/, 'a StUF Tijdstip (8–17 digits)');
const Versienr = pattern(/^[0-9]{4}$/, 'a StUF Versienr (4 digits)');
const Functie = maxLen(30);

/** Attributes every element may carry: namespace declarations and xsi:schemaLocation. */
function plainAttribute(a: XmlAttribute): boolean {
  return a.uri === XMLNS_NS || (a.uri === XSI_NS && (a.local === 'schemaLocation' || a.local === 'noNamespaceSchemaLocation'));
}

function where(path: string): (why: string) => never {
  return (why) => {
    throw new Invalid(`${path}: ${why}`);
  };
}

/** Element-only content: no attributes of its own, no text but white space. */
function elementOnly(n: Node, path: string): void {
  const fail = where(path);
  for (const a of n.attrs) if (!plainAttribute(a)) fail(`attribute ${a.name} is not allowed`);
  if (!/^[ \t\r\n]*$/.test(n.text)) fail('text is not allowed here');
}

/** A simple-content element without attributes: its text checked by `check`. */
function leaf(n: Node, path: string, check: Check): string {
  const fail = where(path);
  for (const a of n.attrs) if (!plainAttribute(a)) fail(`attribute ${a.name} is not allowed`);
  if (n.children.length) fail('child elements are not allowed');
  const why = check(n.text);
  if (why) fail(why);
  return n.text;
}

/**
 * Walks a sequence: each expected child in order, at most once (every element in the ggk0310 sequences
 * has maxOccurs 1), required ones present, nothing else. Returns the children by local name.
 */
function sequence(n: Node, path: string, expected: readonly { ns: string; name: string; required: boolean }[]): Map<string, Node> {
  elementOnly(n, path);
  const fail = where(path);
  const out = new Map<string, Node>();
  let i = 0;
  for (const c of n.children) {
    while (i < expected.length && !(expected[i]!.name === c.local && expected[i]!.ns === c.uri)) {
      if (expected[i]!.required) fail(`element ${expected[i]!.name} is missing (or out of order)`);
      i++;
    }
    if (i === expected.length) fail(`element ${c.local} is not expected here`);
    out.set(c.local, c);
    i++;
  }
  for (; i < expected.length; i++) if (expected[i]!.required) fail(`element ${expected[i]!.name} is missing`);
  return out;
}

const S = (name: string, required = true) => ({ ns: STUF_NS, name, required });
const G = (name: string, required = true) => ({ ns: GGK_NS, name, required });

function readSysteem(n: Node, path: string): StufSysteem {
  // Systeem_ggkberichten: organisatie is required (a restriction of StUF:Systeem).
  const c = sequence(n, path, [S('organisatie'), S('applicatie'), S('administratie', false), S('gebruiker', false)]);
  const opt = (k: string, check: Check): string | undefined => (c.has(k) ? leaf(c.get(k)!, `${path}/${k}`, check) : undefined);
  const administratie = opt('administratie', maxLen(50));
  const gebruiker = opt('gebruiker', maxLen(100));
  return {
    organisatie: leaf(c.get('organisatie')!, `${path}/organisatie`, maxLen(200)),
    applicatie: leaf(c.get('applicatie')!, `${path}/applicatie`, maxLen(50, 3)),
    ...(administratie !== undefined ? { administratie } : {}),
    ...(gebruiker !== undefined ? { gebruiker } : {}),
  };
}

/** xs:base64Binary after white-space collapse, as libxml2 checks it. */
function isBase64(v: string): boolean {
  const s = v.replace(/[ \t\r\n]+/g, '');
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*(?:[AEIMQUYcgkosw048]=|[AQgw]==)?$/.test(s);
}

const ROOTS = { 'envelopHeenbericht-ggk_Di01': 'Di01', 'envelopRetourbericht-ggk_Du01': 'Du01' } as const;

/** Reads a bare envelope element (the SOAP Body's child, or a standalone envelope document). */
function readEnvelope(root: Node, partial: { zender?: StufSysteem; ontvanger?: StufSysteem; referentienummer?: string }): GgkEnvelope {
  const code = root.uri === GGK_NS ? ROOTS[root.local as keyof typeof ROOTS] : undefined;
  if (!code) throw new Invalid(`/: ${root.local} is not a ggk0310 envelope (envelopHeenbericht-ggk_Di01 or envelopRetourbericht-ggk_Du01)`);
  const du = code === 'Du01';
  const p = `/${root.local}`;
  const top = sequence(root, p, [G('stuurgegevens'), G('parameters')]);
  const sp = `${p}/stuurgegevens`;
  const st = sequence(top.get('stuurgegevens')!, sp, [
    S('berichtcode'),
    S('zender'),
    S('ontvanger'),
    S('referentienummer'),
    S('tijdstipBericht'),
    ...(du ? [S('crossRefnummer')] : []),
    S('functie'),
  ]);
  // What a Fo01 can address even when a later part fails.
  const ref = st.get('referentienummer')!;
  if (ref.children.length === 0 && chars(ref.text) <= 40) partial.referentienummer = ref.text;
  leaf(st.get('berichtcode')!, `${sp}/berichtcode`, fixed(code));
  const zender = readSysteem(st.get('zender')!, `${sp}/zender`);
  partial.zender = zender;
  const ontvanger = readSysteem(st.get('ontvanger')!, `${sp}/ontvanger`);
  partial.ontvanger = ontvanger;
  const referentienummer = leaf(ref, `${sp}/referentienummer`, Refnummer);
  const tijdstipBericht = leaf(st.get('tijdstipBericht')!, `${sp}/tijdstipBericht`, Tijdstip);
  const crossRefnummer = du ? leaf(st.get('crossRefnummer')!, `${sp}/crossRefnummer`, Refnummer) : undefined;
  const functie = leaf(st.get('functie')!, `${sp}/functie`, Functie);
  const pp = `${p}/parameters`;
  const pa = sequence(top.get('parameters')!, pp, [
    G('referentienummerBericht', false),
    ...(du ? [G('crossRefnummerBericht', false)] : []),
    G('applicatieVersie'),
    G('applicatieSubversie'),
    G('functieVersie'),
    G('functieSubversie'),
    G('bericht'),
  ]);
  const opt = (k: string): string | undefined => (pa.has(k) ? leaf(pa.get(k)!, `${pp}/${k}`, Refnummer) : undefined);
  const referentienummerBericht = opt('referentienummerBericht');
  const crossRefnummerBericht = du ? opt('crossRefnummerBericht') : undefined;
  const versie = (k: string): string => leaf(pa.get(k)!, `${pp}/${k}`, Versienr);
  const applicatieVersie = versie('applicatieVersie');
  const applicatieSubversie = versie('applicatieSubversie');
  const functieVersie = versie('functieVersie');
  const functieSubversie = versie('functieSubversie');
  const b = pa.get('bericht')!;
  const bp = `${pp}/bericht`;
  const fail = where(bp);
  let contentType: string | undefined;
  let bestandsnaam: string | undefined;
  for (const a of b.attrs) {
    if (plainAttribute(a)) continue;
    if (a.uri === XMIME_NS && a.local === 'contentType') contentType = a.value;
    else if (a.uri === STUF_NS && a.local === 'bestandsnaam') bestandsnaam = a.value;
    else fail(`attribute ${a.name} is not allowed`);
  }
  const ct: string = contentType ?? fail('attribute xmime:contentType is required');
  if (chars(ct) < 3) fail('xmime:contentType is shorter than 3 characters');
  if (bestandsnaam !== undefined && chars(bestandsnaam) > 255) fail('StUF:bestandsnaam is longer than 255 characters');
  if (b.children.length) fail('child elements are not allowed');
  if (!isBase64(b.text)) fail('not base64');
  return {
    berichtcode: code,
    zender,
    ontvanger,
    referentienummer,
    tijdstipBericht,
    ...(crossRefnummer !== undefined ? { crossRefnummer } : {}),
    functie,
    ...(referentienummerBericht !== undefined ? { referentienummerBericht } : {}),
    ...(crossRefnummerBericht !== undefined ? { crossRefnummerBericht } : {}),
    applicatieVersie,
    applicatieSubversie,
    functieVersie,
    functieSubversie,
    bericht: { base64: b.text, contentType: ct, ...(bestandsnaam !== undefined ? { bestandsnaam } : {}) },
  };
}

function run(xml: string, pick: (root: Node) => Node): EnvelopeResult {
  const root = tree(xml);
  if (typeof root === 'string') return { ok: false, kind: 'xml', detail: root };
  const partial: { zender?: StufSysteem; ontvanger?: StufSysteem; referentienummer?: string } = {};
  let body: Node;
  try {
    body = pick(root);
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, kind: 'soap', detail: e.message };
    throw e;
  }
  try {
    return { ok: true, envelope: readEnvelope(body, partial) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, kind: 'schema', detail: e.message, partial };
    throw e;
  }
}

/** A standalone envelope document (the published examples; what the XSD test compares with libxml2). */
export function parseGgkEnvelope(xml: string): EnvelopeResult {
  return run(xml, (root) => root);
}

/** A SOAP 1.1 request: `Envelope`, an optional `Header` (not read), a `Body` holding exactly one GGk envelope. */
export function parseGgkSoapRequest(xml: string): EnvelopeResult {
  return run(xml, (root) => {
    if (root.uri !== SOAP11_NS || root.local !== 'Envelope') throw new Invalid('/: not a SOAP 1.1 Envelope');
    const kids = root.children;
    const body = kids.find((k) => k.uri === SOAP11_NS && k.local === 'Body');
    const headerOk = kids.length === 1 || (kids.length === 2 && kids[0]!.uri === SOAP11_NS && kids[0]!.local === 'Header');
    if (!body || !headerOk || kids.at(-1) !== body) throw new Invalid('/Envelope: must hold an optional Header and one Body');
    if (body.children.length !== 1) throw new Invalid('/Envelope/Body: must hold exactly one element');
    return body.children[0]!;
  });
}

const BY_NAMESPACE = new Map<string, MessageDef>(Object.values(MESSAGES).map((m) => [m.namespace, m]));
const BY_ID = new Map<string, MessageDef>(Object.values(MESSAGES).map((m) => [m.id, m]));

/** The iWmo/iJw 3.2 message a functie names (`WMO301`, `JW302`), or undefined (e.g. WMO399). */
export function messageOfFunctie(functie: string): MessageDef | undefined {
  return BY_ID.get(functie);
}

/** The message a bericht claims to be by its root element's namespace (read up to the first start tag only). */
export function messageOfPayload(xml: string): MessageDef | undefined {
  let found: MessageDef | undefined;
  let stop = false;
  const t = new XmlTokenizer({
    open(_local, uri) {
      if (!stop) found = BY_NAMESPACE.get(uri);
      stop = true;
    },
    end() {},
    text() {},
    doctype() {
      stop = true;
    },
    error() {
      stop = true;
    },
  });
  // The root start tag is near the start: a prefix is enough (the tokenizer waits for more when cut mid-tag).
  t.write(xml.slice(0, 64 * 1024));
  return found;
}
