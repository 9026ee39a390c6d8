/**
 * Reading the typed bericht object (the parser's output) by element path. A path is element names
 * separated by `/`, relative to a context element: the `Bericht` root, or a class such as
 * `ToegewezenProduct`. Which steps repeat comes from the generated model, so a located element's
 * `/Bericht/…` location carries a 1-based index exactly on the elements the XSD lets repeat.
 */
import { COMPLEX_TYPES } from './generated/model.js';
import type { ElementDef, MessageDef } from './model.js';

/** Element names separated by `/`, e.g. `Client/ToegewezenProducten/ToegewezenProduct` or `Product/Code`. */
export type ElementPath = string;

/** One element of the typed object: its children by element name. */
export type BerichtNode = Readonly<Record<string, unknown>>;

export function asNode(v: unknown): BerichtNode | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as BerichtNode) : undefined;
}

function asNodes(v: unknown): BerichtNode[] {
  if (Array.isArray(v)) return v.map(asNode).filter((x): x is BerichtNode => x !== undefined);
  const o = asNode(v);
  return o ? [o] : [];
}

function steps(path: ElementPath): string[] {
  return path === '' ? [] : path.split('/');
}

/** The value at `path` below `node`, each step a single element; undefined when any step is absent. */
export function valueAt(node: unknown, path: ElementPath): unknown {
  let cur: unknown = node;
  for (const name of steps(path)) cur = asNode(cur)?.[name];
  return cur;
}

/** The element at `path` below `node`, when it is present and has children. */
export function nodeAt(node: unknown, path: ElementPath): BerichtNode | undefined {
  return asNode(valueAt(node, path));
}

/** The simple value at `path` as the standard's text (an integer the codec carries as a number becomes its decimal string). */
export function textAt(node: unknown, path: ElementPath): string | undefined {
  const v = valueAt(node, path);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/**
 * The model's element definitions along `path` below the complex type `typeName` (e.g. a message's
 * `rootType`); undefined when some step is not a child there. Simple-typed elements end a path.
 */
export function resolvePath(typeName: string, path: ElementPath): readonly ElementDef[] | undefined {
  const out: ElementDef[] = [];
  let type: string | undefined = typeName;
  for (const name of steps(path)) {
    const def: ElementDef | undefined = type === undefined ? undefined : COMPLEX_TYPES[type]?.children.find((c) => c.name === name);
    if (!def) return undefined;
    out.push(def);
    type = def.kind === 'complex' ? def.type : undefined;
  }
  return out;
}

const REPEATS = new Map<string, readonly boolean[]>();

/** Per step of `path` below the message root: whether the XSD lets that element repeat (maxOccurs > 1). */
function repeats(message: MessageDef, path: ElementPath): readonly boolean[] {
  const key = `${message.rootType}|${path}`;
  let r = REPEATS.get(key);
  if (!r) {
    const defs = resolvePath(message.rootType, path);
    if (!defs) throw new Error(`${message.id} has no element ${path}`);
    r = defs.map((d) => d.max > 1);
    REPEATS.set(key, r);
  }
  return r;
}

/** An element found by `elementsAt`, with its location in the bericht. */
export interface Located {
  readonly node: BerichtNode;
  /** `/Bericht/…` with a 1-based index on each repeating step, e.g. `/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[1]`. */
  readonly location: string;
}

/** Every element at `path` below the Bericht root, in document order. Throws when the model has no such path. */
export function elementsAt(message: MessageDef, root: BerichtNode, path: ElementPath): Located[] {
  const names = steps(path);
  const rep = repeats(message, path);
  let cur: Located[] = [{ node: root, location: '/Bericht' }];
  names.forEach((name, i) => {
    const next: Located[] = [];
    for (const { node, location } of cur) {
      if (rep[i]) asNodes(node[name]).forEach((n, k) => next.push({ node: n, location: `${location}/${name}[${k + 1}]` }));
      else {
        const n = asNode(node[name]);
        if (n) next.push({ node: n, location: `${location}/${name}` });
      }
    }
    cur = next;
  });
  return cur;
}
