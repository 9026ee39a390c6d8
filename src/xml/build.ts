/**
 * build: typed object → XML, walking the same model the parser reads, so element order, namespaces
 * and cardinality come from the XSD and never from the object's key order. Prefixes follow the
 * convention of the published examples (IV034): `jw301:` for the message, `ijw:` for the basisschema.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { MessageDef } from '../standard/model.js';
import { COMPLEX_TYPES, SIMPLE_TYPES } from '../standard/generated/model.js';

export class BuildError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'BuildError';
  }
}

function prefixes(message: MessageDef): { bericht: string; basis: string } {
  return { bericht: message.id.toLowerCase(), basis: message.standard };
}

export function buildBericht(message: MessageDef, bericht: Record<string, unknown>, opts: { pretty?: boolean } = {}): string {
  const p = prefixes(message);
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele(message.namespace, `${p.bericht}:Bericht`, {
    [`xmlns:${p.bericht}`]: message.namespace,
    [`xmlns:${p.basis}`]: message.basisNamespace,
  });
  writeComplex(root, message, p, message.rootType, bericht, '/Bericht');
  return doc.end({ prettyPrint: opts.pretty ?? true, indent: '\t', newline: '\r\n' }) + '\r\n';
}

function writeComplex(
  parent: XMLBuilder,
  message: MessageDef,
  p: { bericht: string; basis: string },
  typeKey: string,
  obj: Record<string, unknown>,
  path: string,
): void {
  const type = COMPLEX_TYPES[typeKey];
  if (!type) throw new BuildError(path, `unknown type ${typeKey}`);
  const known = new Set(type.children.map((c) => c.name));
  for (const k of Object.keys(obj)) if (!known.has(k)) throw new BuildError(`${path}/${k}`, 'not part of the message');
  for (const child of type.children) {
    const v = obj[child.name];
    if (v === undefined || v === null) {
      if (child.min > 0) throw new BuildError(`${path}/${child.name}`, 'mandatory element missing');
      continue;
    }
    const values = child.max > 1 ? (Array.isArray(v) ? v : [v]) : [v];
    if (child.max > 1 && values.length === 0 && child.min > 0) throw new BuildError(`${path}/${child.name}`, 'at least one required');
    const ns = child.ns === 'basis' ? message.basisNamespace : message.namespace;
    const qn = `${child.ns === 'basis' ? p.basis : p.bericht}:${child.name}`;
    values.forEach((val, i) => {
      const cpath = `${path}/${child.name}${child.max > 1 ? `[${i + 1}]` : ''}`;
      const el = parent.ele(ns, qn);
      if (child.kind === 'complex') {
        if (typeof val !== 'object' || val === null || Array.isArray(val)) throw new BuildError(cpath, 'expected an object');
        writeComplex(el, message, p, child.type, val as Record<string, unknown>, cpath);
      } else {
        const st = SIMPLE_TYPES[child.type]!;
        if (st.valueKind === 'cents') {
          if (typeof val !== 'number' || !Number.isSafeInteger(val))
            throw new BuildError(cpath, 'amount must be an integer number of eurocent');
          el.txt(String(val));
        } else {
          if (typeof val !== 'string') throw new BuildError(cpath, 'expected a string');
          el.txt(val);
        }
      }
    });
  }
}
