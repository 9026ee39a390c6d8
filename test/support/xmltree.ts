/**
 * A minimal XML tree for the mutation engine: parse a (valid, built) bericht with saxes, change it
 * structurally, and write it back byte for byte as intended. Text nodes marked `raw` are written
 * without escaping so mutants can carry character references, CDATA and comments in values.
 */
import { SaxesParser } from 'saxes';
import { COMPLEX_TYPES, MESSAGES } from '../../src/standard/generated/model.js';
import type { BerichtId, ElementDef, MessageDef } from '../../src/standard/model.js';

export interface XElement {
  readonly kind: 'element';
  /** Qualified name as written (`jw301:Client`). */
  name: string;
  /** Attributes in document order, namespace declarations included (`xmlns:jw301`). */
  attrs: [string, string][];
  children: XNode[];
  /** The model element this one was matched to (set by `annotate`); undefined for the root. */
  def?: ElementDef;
}
export interface XText {
  readonly kind: 'text';
  text: string;
  /** Written as is (no escaping): for `&#x41;`, `<![CDATA[…]]>`, `<!--…-->` inside a value. */
  raw?: boolean;
}
export interface XComment {
  readonly kind: 'comment';
  text: string;
}
export type XNode = XElement | XText | XComment;

export interface XDocument {
  /** Everything before the root element, written verbatim (the XML declaration). */
  prolog: string;
  root: XElement;
  /** Anything after the root element, written verbatim (mutants: comments, stray text). */
  epilog?: string;
}

export function parseXml(xml: string): XDocument {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const stack: XElement[] = [];
  let root: XElement | undefined;
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const el: XElement = { kind: 'element', name: tag.name, attrs: Object.entries(tag.attributes as Record<string, string>), children: [] };
    if (stack.length === 0) root = el;
    else stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    if (stack.length > 0) stack[stack.length - 1]!.children.push({ kind: 'text', text });
  });
  parser.on('cdata', (text) => {
    if (stack.length > 0) stack[stack.length - 1]!.children.push({ kind: 'text', text });
  });
  parser.on('comment', (text) => {
    if (stack.length > 0) stack[stack.length - 1]!.children.push({ kind: 'comment', text });
  });
  parser.write(xml).close();
  if (error !== undefined) throw error;
  if (root === undefined) throw new Error('no root element');
  const start = xml.indexOf('<' + root.name);
  return { prolog: xml.slice(0, start), root };
}

export const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

export function serializeElement(el: XElement, out: string[] = []): string[] {
  out.push('<', el.name);
  for (const [k, v] of el.attrs) out.push(' ', k, '="', escapeAttr(v), '"');
  if (el.children.length === 0) {
    out.push('/>');
    return out;
  }
  out.push('>');
  for (const c of el.children) {
    if (c.kind === 'element') serializeElement(c, out);
    else if (c.kind === 'comment') out.push('<!--', c.text, '-->');
    else out.push(c.raw === true ? c.text : escapeText(c.text));
  }
  out.push('</', el.name, '>');
  return out;
}

export function serializeXml(doc: XDocument): string {
  return doc.prolog + serializeElement(doc.root).join('') + (doc.epilog ?? '');
}

export function elementChildren(el: XElement): XElement[] {
  return el.children.filter((c): c is XElement => c.kind === 'element');
}

export const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/**
 * Attach each element's ElementDef by walking the model beside the tree (children matched by local
 * name in the parent type's sequence; valid input is assumed). Returns every annotated element with
 * its path, root excluded, in document order.
 */
export function annotate(doc: XDocument, message: MessageDef): { el: XElement; parent: XElement; path: string }[] {
  const out: { el: XElement; parent: XElement; path: string }[] = [];
  const walk = (el: XElement, typeName: string, path: string): void => {
    const type = COMPLEX_TYPES[typeName];
    if (type === undefined) return;
    for (const child of elementChildren(el)) {
      const def = type.children.find((d) => d.name === localName(child.name));
      if (def === undefined) continue;
      child.def = def;
      const p = `${path}/${def.name}`;
      out.push({ el: child, parent: el, path: p });
      if (def.kind === 'complex') walk(child, def.type, p);
    }
  };
  walk(doc.root, message.rootType, '/Bericht');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Typed object → tree. Only a stand-in for src/xml/build.ts where a test needs XML before the
// builder exists; the corpora use buildBericht.

export function prefixesOf(message: MessageDef): { bericht: string; basis: string } {
  return { bericht: message.id.toLowerCase(), basis: message.standard };
}

export function typedToTree(id: BerichtId, bericht: Record<string, unknown>): XDocument {
  const message = MESSAGES[id];
  const { bericht: bp, basis: sp } = prefixesOf(message);
  const build = (name: string, typeName: string, value: Record<string, unknown>, prefix: string): XElement => {
    const el: XElement = { kind: 'element', name: `${prefix}:${name}`, attrs: [], children: [] };
    for (const def of COMPLEX_TYPES[typeName]!.children) {
      const v = value[def.name];
      if (v === undefined) continue;
      const p = def.ns === 'bericht' ? bp : sp;
      for (const item of Array.isArray(v) ? v : [v]) {
        if (def.kind === 'complex') el.children.push(build(def.name, def.type, item as Record<string, unknown>, p));
        else el.children.push({ kind: 'element', name: `${p}:${def.name}`, attrs: [], children: [{ kind: 'text', text: String(item) }] });
      }
    }
    return el;
  };
  const root = build('Bericht', message.rootType, bericht, bp);
  root.attrs.push([`xmlns:${bp}`, message.namespace], [`xmlns:${sp}`, message.basisNamespace]);
  return { prolog: '<?xml version="1.0" encoding="UTF-8"?>\n', root };
}
