/**
 * Deterministic mutants of valid berichten for the L1 differential test against libxml2. Each
 * mutant starts from a valid bericht (built by the caller, normally buildBericht over
 * `validInstance`), gets ONE mutation (sometimes two) and is labelled with what was done and where,
 * so a disagreement with xmllint can be read and reproduced. The verdict is never predicted here:
 * xmllint is the oracle; many mutations are valid on purpose (leading zeros on an integer,
 * whitespace around a date, a comment inside a value, CDATA, a no-break space in free text, an
 * xsi:schemaLocation, other prefixes).
 */
import { MESSAGES, SIMPLE_TYPES } from '../../src/standard/generated/model.js';
import type { BerichtId, MessageDef, SimpleTypeDef } from '../../src/standard/model.js';
import { createRng, type Rng } from './rng.js';
import {
  annotate,
  elementChildren,
  escapeText,
  localName,
  parseXml,
  prefixesOf,
  serializeXml,
  type XDocument,
  type XElement,
  type XNode,
} from './xmltree.js';

export interface Mutant {
  /** `JW301-017`: message id and index within that message. */
  readonly id: string;
  readonly message: BerichtId;
  /** `value:invalid-date 2027-02-30 @ /Bericht/Client/Geboortedatum/Datum` and the like. */
  readonly mutation: string;
  readonly xml: string;
}

export interface MutantOptions {
  readonly seed: number;
  /** Mutants per message (the differential test uses ≥ 72 × 28 ≥ 2,000). */
  readonly perMessage: number;
  /** Distinct valid bases per message; mutants cycle over them. Default 6. */
  readonly basesPerMessage?: number;
  /** A valid bericht of `message` as XML, deterministic in `seed`. */
  readonly baseXml: (message: BerichtId, seed: number) => string;
  readonly messages?: readonly BerichtId[];
  /** Add one mutant per (leaf class, value case) over all messages. Default true. */
  readonly sweep?: boolean;
}

export function generateMutants(opts: MutantOptions): Mutant[] {
  const out: Mutant[] = [];
  const ids = opts.messages ?? (Object.keys(MESSAGES) as BerichtId[]);
  const basesPer = opts.basesPerMessage ?? 6;
  const bases = new Map<BerichtId, string[]>();
  ids.forEach((id, mi) => {
    const list: string[] = [];
    for (let b = 0; b < basesPer; b++) list.push(opts.baseXml(id, opts.seed * 1000 + mi * 50 + b));
    bases.set(id, list);
  });
  ids.forEach((id, mi) => {
    const list = bases.get(id)!;
    const rng = createRng(opts.seed * 7919 + mi);
    for (let i = 0; i < opts.perMessage; i++) {
      const doc = parseXml(list[i % basesPer]!);
      const labels = [applyRandomMutation(doc, MESSAGES[id], rng)];
      if (rng.chance(0.08)) labels.push(applyRandomMutation(doc, MESSAGES[id], rng));
      out.push({ id: `${id}-${String(i).padStart(3, '0')}`, message: id, mutation: labels.join(' + '), xml: serializeXml(doc) });
    }
  });
  if (opts.sweep !== false) out.push(...sweepMutants(ids, bases));
  return out;
}

/**
 * Every value case of every leaf class, once: random choice alone leaves rare types (xs:time
 * occurs only in 301/302) nearly untested. Occurrences rotate over messages and bases.
 */
function sweepMutants(ids: readonly BerichtId[], bases: ReadonlyMap<BerichtId, string[]>): Mutant[] {
  interface Occurrence {
    id: BerichtId;
    base: string;
    leaf: number;
  }
  const classes = new Map<string, Occurrence[]>();
  for (const id of ids) {
    for (const base of bases.get(id)!) {
      annotate(parseXml(base), MESSAGES[id]).forEach((a, leaf) => {
        if (a.el.def?.kind !== 'simple') return;
        const key = leafClass(SIMPLE_TYPES[a.el.def.type]!);
        const list = classes.get(key) ?? [];
        list.push({ id, base, leaf });
        classes.set(key, list);
      });
    }
  }
  const out: Mutant[] = [];
  const counters = new Map<BerichtId, number>();
  for (const key of [...classes.keys()].sort()) {
    const occ = classes.get(key)!;
    // Spread over messages: take occurrences in an order that interleaves them.
    const order = occ
      .map((o, i) => ({ o, k: (i * 7919) % occ.length }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.o);
    for (let k = 0; ; k++) {
      const o = order[k % order.length]!;
      const doc = parseXml(o.base);
      const a = annotate(doc, MESSAGES[o.id])[o.leaf]!;
      const cases = valueCases(SIMPLE_TYPES[a.el.def!.type]!, textOf(a.el));
      if (k >= cases.length) break;
      const label = describeValue(a, cases[k]!);
      const n = counters.get(o.id) ?? 0;
      counters.set(o.id, n + 1);
      out.push({ id: `${o.id}-sweep-${String(n).padStart(3, '0')}`, message: o.id, mutation: `sweep ${label}`, xml: serializeXml(doc) });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Leaf values.

export interface ValueCase {
  readonly label: string;
  /** The element content; escaped on output unless `raw`. */
  readonly text: string;
  readonly raw?: boolean;
  /** Write `<X/>` instead of `<X></X>`. */
  readonly selfClosing?: boolean;
  /** XML-level (references, CDATA, comments, illegal characters): the same for every type. */
  readonly generic?: boolean;
}

const FREE_TEXT = '.*[^\\s].*';
const COMMENTAAR = '([.\\s]*\\S+[.\\s]*)+';
const VERSIE = '(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)';

const cp = (s: string): string[] => [...s];

/** Edge and bad values for one simple type, given a valid value `v` of it. */
export function valueCases(type: SimpleTypeDef, value: string): ValueCase[] {
  const v = value === '' ? '1' : value;
  const cases: ValueCase[] = [
    { label: 'empty', text: '' },
    { label: 'empty-self-closing', text: '', selfClosing: true },
    { generic: true, label: 'empty-cdata', text: '<![CDATA[]]>', raw: true },
    { generic: true, label: 'only-comment', text: '<!-- leeg -->', raw: true },
    { label: 'space-around', text: ` ${v} ` },
    { label: 'newline-tab-around', text: `\n\t${v}\n` },
    { label: 'nbsp-prefix (U+00A0 is not XSD whitespace)', text: `\u00a0${v}` },
    { label: 'nbsp-suffix', text: `${v}\u00a0` },
    { label: 'cr-charref-suffix', text: `${escapeText(v)}&#13;`, raw: true },
    { label: 'tab-charref-prefix', text: `&#9;${escapeText(v)}`, raw: true },
    { generic: true, label: 'cdata-value', text: `<![CDATA[${v}]]>`, raw: true },
    { generic: true, label: 'charref-control-U+0001 (not a Char)', text: `${escapeText(v)}&#1;`, raw: true },
    { generic: true, label: 'charref-nul', text: `&#0;${escapeText(v)}`, raw: true },
    { generic: true, label: 'charref-surrogate', text: `${escapeText(v)}&#xD800;`, raw: true },
    { generic: true, label: 'raw-control-U+0008', text: `${v}\u0008` },
    { generic: true, label: 'raw-U+FFFE (not a Char)', text: `${v}\ufffe` },
    { generic: true, label: 'undefined-entity &nbsp;', text: `&nbsp;${escapeText(v)}`, raw: true },
    { generic: true, label: 'raw-cdata-end ]]>', text: `${escapeText(v)}]]>`, raw: true },
    { generic: true, label: 'raw-ampersand', text: `${escapeText(v)}&`, raw: true },
    {
      generic: true,
      label: 'charref-first-char',
      text: `&#x${cp(v)[0]!.codePointAt(0)!.toString(16)};${escapeText(cp(v).slice(1).join(''))}`,
      raw: true,
    },
  ];
  if (cp(v).length >= 2) {
    const k = Math.floor(cp(v).length / 2);
    const a = escapeText(cp(v).slice(0, k).join(''));
    const b = escapeText(cp(v).slice(k).join(''));
    cases.push({ generic: true, label: 'comment-inside-value', text: `${a}<!-- c -->${b}`, raw: true });
    cases.push({ generic: true, label: 'pi-inside-value', text: `${a}<?sluis x?>${b}`, raw: true });
    cases.push({ generic: true, label: 'cdata-half-value', text: `${a}<![CDATA[${cp(v).slice(k).join('')}]]>`, raw: true });
  }
  const p = type.patterns.length === 1 && type.patterns[0]!.length === 1 ? type.patterns[0]![0]! : undefined;
  const literal = p !== undefined && /^[A-Za-z0-9]+$/.test(p) ? p : undefined;

  if (type.enumeration !== undefined) {
    const bad = ['ZZ', '99', '00', 'X', '0', '10', '98'].find((c) => !type.enumeration!.includes(c))!;
    cases.push({ label: 'not-in-enumeration', text: bad });
    cases.push({ label: 'enumeration-lowercase', text: v.toLowerCase() === v ? `${v}x` : v.toLowerCase() });
    cases.push({ label: 'enumeration-leading-zero', text: `0${v}` });
    if (v.startsWith('0') && v.length > 1) cases.push({ label: 'enumeration-without-leading-zero', text: v.slice(1) });
    cases.push({ label: 'enumeration-other-valid', text: type.enumeration[type.enumeration.length - 1]! });
  }
  switch (type.base) {
    case 'integer': {
      const max = type.maxInclusive ?? 0;
      const min = type.minInclusive ?? 0;
      cases.push(
        { label: 'integer-plus-sign', text: `+${v}` },
        { label: 'integer-leading-zeros', text: `00${v}` },
        { label: 'integer-minus-zero', text: '-0' },
        { label: 'integer-negative', text: '-1' },
        { label: 'integer-max', text: String(max) },
        { label: 'integer-max+1', text: (BigInt(max) + 1n).toString() },
        { label: 'integer-min', text: String(min) },
        { label: 'integer-decimal', text: `${v}.0` },
        { label: 'integer-exponent', text: '1e3' },
        { label: 'integer-hex', text: '0x10' },
        { label: 'integer-letters', text: 'abc' },
        { label: 'integer-inner-space', text: '1 2' },
        { label: 'integer-huge (30 digits)', text: '123456789012345678901234567890' },
        { label: 'integer-arabic-indic-digit', text: '\u0663' },
        { label: 'integer-fullwidth-digit', text: '\uff11' },
        { label: 'integer-plus-only', text: '+' },
        { label: 'integer-30-leading-zeros', text: `${'0'.repeat(30)}${v}` },
        { label: 'integer-plus-minus', text: `+-${v}` },
      );
      if (literal !== undefined) {
        cases.push(
          { label: 'fixed-integer-leading-zero', text: `0${literal}` },
          { label: 'fixed-integer-plus', text: `+${literal}` },
          { label: 'fixed-integer-space-around', text: ` ${literal} ` },
          { label: 'fixed-integer-other', text: String(Number(literal) + 1) },
        );
      }
      break;
    }
    case 'date':
      for (const [label, text] of [
        ['date-feb-30', '2027-02-30'],
        ['date-feb-29-non-leap', '2027-02-29'],
        ['date-feb-29-leap', '2028-02-29'],
        ['date-1900-02-29', '1900-02-29'],
        ['date-2000-02-29', '2000-02-29'],
        ['date-apr-31', '2027-04-31'],
        ['date-month-13', '2027-13-01'],
        ['date-month-00', '2027-00-10'],
        ['date-day-00', '2027-01-00'],
        ['date-single-digits', '2027-1-1'],
        ['date-two-digit-year', '27-01-01'],
        ['date-utc-Z', '2027-01-01Z'],
        ['date-offset-plus', '2027-01-01+01:00'],
        ['date-offset-minus', '2027-01-01-05:00'],
        ['date-offset-no-colon', '2027-01-01+0100'],
        ['date-year-0000', '0000-01-01'],
        ['date-negative-year', '-2027-01-01'],
        ['date-5-digit-year', '12027-01-01'],
        ['date-slashes', '2027/01/01'],
        ['date-compact', '20270101'],
        ['date-with-time', '2027-01-01T00:00:00'],
        ['date-year-leading-zero-5', '02027-01-01'],
        ['date-plus-year', '+2027-01-01'],
        ['date-offset-14:00', '2027-01-01+14:00'],
        ['date-feb-29-2400', '2400-02-29'],
        ['date-feb-29-2100', '2100-02-29'],
      ] as const)
        cases.push({ label, text });
      break;
    case 'time':
      for (const [label, text] of [
        ['time-24:00:00', '24:00:00'],
        ['time-25h', '25:00:00'],
        ['time-60-minutes', '12:60:00'],
        ['time-60-seconds', '12:00:60'],
        ['time-no-seconds', '12:00'],
        ['time-fraction', '12:00:00.5'],
        ['time-long-fraction', '12:00:00.123456789'],
        ['time-empty-fraction', '12:00:00.'],
        ['time-utc-Z', '12:00:00Z'],
        ['time-offset-plus', '12:00:00+01:00'],
        ['time-offset-minus', '12:00:00-01:00'],
        ['time-single-digit-hour', '1:00:00'],
        ['time-24:00:01', '24:00:01'],
      ] as const)
        cases.push({ label, text });
      break;
    case 'string': {
      const max = type.maxLength;
      const filler = p === undefined || p === FREE_TEXT || p === COMMENTAAR ? 'a' : /\[0-9\]/.test(p) ? '7' : 'A';
      if (max !== undefined) {
        cases.push({ label: `too-long (${max + 1})`, text: filler.repeat(max + 1) });
        cases.push({ label: `max-length (${max})`, text: filler.repeat(max) });
        if ((p === undefined || p === FREE_TEXT) && type.enumeration === undefined) {
          cases.push({ label: `max-length-non-ascii (${max} × ë)`, text: 'ë'.repeat(max) });
          cases.push({ label: `max-length-astral (${max} code points, ${max + 1} UTF-16 units)`, text: 'a'.repeat(max - 1) + '\u{1F600}' });
          cases.push({ label: `too-long-astral (${max + 1} code points)`, text: 'a'.repeat(max) + '\u{1F600}' });
        }
      }
      if (literal !== undefined) {
        cases.push(
          { label: 'fixed-code-other', text: String(Number(literal) + 1) },
          { label: 'fixed-code-space-prefix', text: ` ${literal}` },
          { label: 'fixed-code-longer', text: `${literal}0` },
          { label: 'fixed-code-leading-zero', text: `0${literal}` },
        );
      }
      const fixedDigits = p === undefined ? undefined : /^\[0-9\]\{([0-9]+)\}$/.exec(p);
      if (fixedDigits) {
        const n = Number(fixedDigits[1]);
        cases.push(
          { label: `digits-${n - 1}`, text: '1'.repeat(n - 1) },
          { label: `digits-${n + 1}`, text: '1'.repeat(n + 1) },
          { label: 'digits-with-letter', text: v.slice(0, -1) + 'a' },
          { label: 'digits-arabic-indic', text: v.slice(0, -1) + '\u0663' },
          { label: 'digits-fullwidth', text: v.slice(0, -1) + '\uff11' },
          { label: 'digits-charref', text: `&#x3${v[0]!};${v.slice(1)}`, raw: true },
        );
      }
      switch (p) {
        case undefined:
          if (type.enumeration === undefined) {
            cases.push({ label: 'no-pattern-blank (valid: no pattern)', text: '   ' }, { label: 'no-pattern-newline', text: 'a\nb' });
            if (max !== undefined && max >= 3) {
              // A literal CR LF is one LF after XML end-of-line handling: max characters, not max + 1.
              cases.push({ label: `crlf-literal-at-max-length (${max} after end-of-line handling)`, text: `${'a'.repeat(max - 2)}\r\nb` });
              cases.push({ label: 'lone-cr-literal', text: `a\rb` });
            }
          }
          break;
        case FREE_TEXT:
          cases.push(
            { label: 'blank-spaces', text: '   ' },
            { label: 'blank-tab', text: '\t' },
            { label: 'inner-newline', text: 'a\nb' },
            { label: 'only-nbsp (valid: not \\s)', text: '\u00a0' },
            { label: 'only-em-space', text: '\u2003' },
            { label: 'xml-specials', text: '&<>"\'' },
            { label: 'entity-refs', text: '&amp;&lt;&gt;&quot;&apos;', raw: true },
            { label: 'cdata-end-escaped', text: ']]&gt;', raw: true },
          );
          break;
        case COMMENTAAR:
          cases.push(
            { label: 'commentaar-blank', text: ' \n\t ' },
            { label: 'commentaar-only-dots', text: '...' },
            { label: 'commentaar-newlines', text: 'a\n\nb' },
            { label: 'commentaar-nbsp', text: '\u00a0' },
            { label: 'commentaar-long (5000)', text: 'lorem ipsum '.repeat(416) + 'end.' },
          );
          break;
        case '[0-9]*':
          cases.push(
            { label: 'phone-plus', text: '+31612345678' },
            { label: 'phone-dash', text: '06-1234' },
            { label: 'phone-space', text: '06 1234' },
          );
          break;
        case '([a-zA-Z0-9])+':
          cases.push(
            { label: 'alnum-dash', text: 'AB-12' },
            { label: 'alnum-space', text: 'AB 12' },
            { label: 'alnum-accent', text: 'Äb1' },
          );
          break;
        case '([a-zA-ZÀ-ỳ])+':
          cases.push(
            { label: 'letters-dot', text: 'A.B' },
            { label: 'letters-space', text: 'A B' },
            { label: 'letters-U+0100 (in range)', text: 'Ā' },
            { label: 'letters-U+00D7 (× is in À-ỳ)', text: '×' },
            { label: 'letters-U+1EF3 (ỳ, range end)', text: 'ỳ' },
            { label: 'letters-U+1EF4 (past range)', text: 'Ỵ' },
            { label: 'letters-digit', text: 'A1' },
            { label: 'letters-U+00BF (before range)', text: '¿' },
          );
          break;
        case VERSIE:
          cases.push(
            { label: 'versie-two-parts', text: '1.0' },
            { label: 'versie-leading-zero', text: '01.0.0' },
            { label: 'versie-four-parts', text: '1.0.0.0' },
            { label: 'versie-letter', text: '1.a.0' },
            { label: 'versie-empty-part', text: '1..0' },
            { label: 'versie-big', text: '10.20.300' },
          );
          break;
        default:
          break;
      }
      break;
    }
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Mutation operators. Each changes `doc` in place and returns its label.

type Op = (doc: XDocument, message: MessageDef, rng: Rng, els: Annotated[]) => string | undefined;
interface Annotated {
  el: XElement;
  parent: XElement;
  path: string;
}

const UNKNOWN_NS = 'urn:sluis:test:unknown';

function setText(el: XElement, c: ValueCase): void {
  el.children = c.selfClosing === true ? [] : [{ kind: 'text', text: c.text, ...(c.raw === true ? { raw: true } : {}) }];
}

function textOf(el: XElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
}

function elementIndex(parent: XElement, el: XElement): number {
  return parent.children.indexOf(el);
}

/** Leaves grouped by facet shape, so rare types (xs:time occurs once per 301) get their share. */
function leafClass(type: SimpleTypeDef): string {
  const patterns = type.patterns.flat().map((p) => (/^[A-Za-z0-9]+$/.test(p) ? 'literal' : p));
  return `${type.base}|${type.valueKind}|${type.enumeration === undefined ? '' : 'enum'}|${patterns.join('&')}|${type.maxLength ?? ''}`;
}

const opValue: Op = (_doc, _m, rng, els) => {
  const groups = new Map<string, Annotated[]>();
  for (const a of els) {
    if (a.el.def?.kind !== 'simple') continue;
    const key = leafClass(SIMPLE_TYPES[a.el.def.type]!);
    const g = groups.get(key);
    if (g) g.push(a);
    else groups.set(key, [a]);
  }
  const a = rng.pick(rng.pick([...groups.values()]));
  const type = SIMPLE_TYPES[a.el.def!.type]!;
  const cases = valueCases(type, textOf(a.el));
  // 70 % type-specific values (facets, whitespace per base type), 30 % XML-level encodings.
  const wantGeneric = rng.chance(0.3);
  const c = rng.pick(cases.filter((x) => (x.generic === true) === wantGeneric));
  return describeValue(a, c);
};

function describeValue(a: Annotated, c: ValueCase): string {
  setText(a.el, c);
  const shown = c.text.length > 40 ? `${c.text.slice(0, 37)}…` : c.text;
  return `value:${c.label} ${JSON.stringify(shown)} @ ${a.path}`;
}

const opDrop: Op = (_d, _m, rng, els) => {
  const a = rng.pick(els);
  a.parent.children.splice(elementIndex(a.parent, a.el), 1);
  return `drop @ ${a.path}`;
};

const opDuplicate: Op = (_d, _m, rng, els) => {
  const a = rng.pick(els);
  const copy = structuredClone(a.el);
  a.parent.children.splice(elementIndex(a.parent, a.el) + 1, 0, copy);
  return `duplicate @ ${a.path}`;
};

const opReorder: Op = (_d, _m, rng, els) => {
  for (let tries = 0; tries < 20; tries++) {
    const a = rng.pick(els);
    const sibs = elementChildren(a.parent);
    const i = sibs.indexOf(a.el);
    const b = sibs[i + 1];
    if (b === undefined || localName(b.name) === localName(a.el.name)) continue;
    const ia = elementIndex(a.parent, a.el);
    const ib = elementIndex(a.parent, b);
    a.parent.children[ia] = b;
    a.parent.children[ib] = a.el;
    return `reorder: swap with next sibling ${localName(b.name)} @ ${a.path}`;
  }
  return undefined;
};

const opRename: Op = (_d, _m, rng, els) => {
  const a = rng.pick(els);
  const local = localName(a.el.name);
  const prefix = a.el.name.slice(0, a.el.name.length - local.length);
  const renamed = rng.pick([local.toLowerCase(), `${local}X`, local.toUpperCase()]);
  a.el.name = prefix + renamed;
  return `rename to ${renamed} @ ${a.path}`;
};

const opNamespace: Op = (_d, m, rng, els) => {
  const a = rng.pick(els);
  const local = localName(a.el.name);
  const other = m.standard === 'ijw' ? MESSAGES[m.id.replace('JW', 'WMO') as BerichtId] : MESSAGES[m.id.replace('WMO', 'JW') as BerichtId];
  const right = a.el.def?.ns === 'basis' ? m.basisNamespace : m.namespace;
  const choices: [string, string, 'prefix' | 'default' | 'undeclared' | 'unbind'][] = [
    ['swap message/basisschema namespace', a.el.def?.ns === 'basis' ? m.namespace : m.basisNamespace, 'prefix'],
    ['other standard namespace', a.el.def?.ns === 'basis' ? other.basisNamespace : other.namespace, 'prefix'],
    ['unknown namespace', UNKNOWN_NS, 'prefix'],
    ['no namespace', '', 'default'],
    ['right namespace under a local prefix (valid)', right, 'prefix'],
    ['right namespace as local default namespace (valid)', right, 'default'],
    ['wrong namespace as local default namespace', UNKNOWN_NS, 'default'],
    ['undeclared prefix', '', 'undeclared'],
    ['prefix undeclared with xmlns:p="" (not namespace-well-formed in XML 1.0)', '', 'unbind'],
  ];
  const [label, ns, style] = rng.pick(choices);
  if (style === 'default') {
    a.el.name = local;
    a.el.attrs.push(['xmlns', ns]);
  } else if (style === 'undeclared') {
    a.el.name = `nergens:${local}`;
  } else if (style === 'unbind') {
    const colon = a.el.name.indexOf(':');
    if (colon < 0) return undefined;
    a.el.attrs.push([`xmlns:${a.el.name.slice(0, colon)}`, '']);
  } else {
    a.el.name = `zz:${local}`;
    a.el.attrs.push(['xmlns:zz', ns]);
  }
  return `namespace: ${label} @ ${a.path}`;
};

/** The namespace and local name of a named type from the model key (`ijw:LDT_Datum`, `jw301:Header`); undefined for anonymous types. */
function typeQName(typeKey: string, m: MessageDef): { ns: string; local: string } | undefined {
  if (typeKey.includes('/')) return undefined;
  const [prefix, local] = typeKey.split(':') as [string, string];
  return { ns: prefix === m.standard ? m.basisNamespace : m.namespace, local };
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const opAttribute: Op = (doc, m, rng, els) => {
  const a: { el: XElement; path: string } = rng.chance(0.2) ? { el: doc.root, path: '/Bericht' } : rng.pick(els);
  const kind = rng.pick([
    'plain',
    'foreign-ns',
    'xsi-schemaLocation',
    'xsi-nil',
    'xml-lang',
    'unused-xmlns',
    'xsi-noNamespaceSchemaLocation',
    'xsi-type-declared-type',
    'xsi-type-xs:string',
    'xsi-type-other-named-type',
    'xsi-unknown-attribute',
  ] as const);
  const declared = typeQName(a.el === doc.root ? m.rootType : (a.el.def?.type ?? ''), m);
  switch (kind) {
    case 'plain':
      a.el.attrs.push(['id', '1']);
      break;
    case 'foreign-ns':
      a.el.attrs.push(['xmlns:zz', UNKNOWN_NS], ['zz:flag', 'true']);
      break;
    case 'xsi-schemaLocation':
      a.el.attrs.push(['xmlns:xsi', XSI], ['xsi:schemaLocation', `${m.namespace} ${m.id}.xsd`]);
      break;
    case 'xsi-noNamespaceSchemaLocation':
      a.el.attrs.push(['xmlns:xsi', XSI], ['xsi:noNamespaceSchemaLocation', `${m.id}.xsd`]);
      break;
    case 'xsi-nil':
      a.el.attrs.push(['xmlns:xsi', XSI], ['xsi:nil', 'false']);
      break;
    case 'xsi-unknown-attribute':
      a.el.attrs.push(['xmlns:xsi', XSI], ['xsi:foo', '1']);
      break;
    case 'xml-lang':
      a.el.attrs.push(['xml:lang', 'nl']);
      break;
    case 'unused-xmlns':
      a.el.attrs.push(['xmlns:unused', UNKNOWN_NS]);
      break;
    case 'xsi-type-declared-type':
      // Naming the declared type itself is valid (XSD 1.0 part 1 §3.3.4 cvc-elt 4); anonymous types cannot be named.
      if (declared === undefined) return undefined;
      a.el.attrs.push(['xmlns:xsi', XSI], ['xmlns:tt', declared.ns], ['xsi:type', `tt:${declared.local}`]);
      break;
    case 'xsi-type-xs:string':
      a.el.attrs.push(['xmlns:xsi', XSI], ['xmlns:xs', 'http://www.w3.org/2001/XMLSchema'], ['xsi:type', 'xs:string']);
      break;
    case 'xsi-type-other-named-type': {
      const other = declared?.local === 'LDT_Naam' ? 'LDT_Postcode' : 'LDT_Naam';
      a.el.attrs.push(['xmlns:xsi', XSI], ['xmlns:tt', m.basisNamespace], ['xsi:type', `tt:${other}`]);
      break;
    }
  }
  return `attribute:${kind} @ ${a.path}`;
};

const opText: Op = (doc, _m, rng, els) => {
  const complexes: { el: XElement; path: string }[] = [
    { el: doc.root, path: '/Bericht' },
    ...els.filter((a) => a.el.def?.kind === 'complex'),
  ];
  const a = rng.pick(complexes);
  const [label, node] = rng.pick<[string, XNode]>([
    ['text', { kind: 'text', text: 'x' }],
    ['whitespace-only (valid)', { kind: 'text', text: '\n \t ' }],
    ['nbsp', { kind: 'text', text: '\u00a0' }],
    ['space-charref', { kind: 'text', text: '&#32;', raw: true }],
    ['nbsp-charref', { kind: 'text', text: '&#160;', raw: true }],
    ['cdata-whitespace', { kind: 'text', text: '<![CDATA[ ]]>', raw: true }],
    ['cdata-text', { kind: 'text', text: '<![CDATA[x]]>', raw: true }],
    ['cdata-empty', { kind: 'text', text: '<![CDATA[]]>', raw: true }],
    ['entity-amp', { kind: 'text', text: '&amp;', raw: true }],
  ]);
  a.el.children.splice(rng.int(0, a.el.children.length), 0, node);
  return `text-in-element-only-content:${label} @ ${a.path}`;
};

const opCommentPi: Op = (doc, _m, rng, els) => {
  const all: { el: XElement; path: string }[] = [{ el: doc.root, path: '/Bericht' }, ...els];
  const a = rng.pick(all);
  const [label, node] = rng.pick<[string, XNode]>([
    ['comment', { kind: 'comment', text: ' opmerking ' }],
    ['processing-instruction', { kind: 'text', text: '<?sluis test?>', raw: true }],
    ['comment-with-markup', { kind: 'comment', text: ' <jw:Client/> & ' }],
  ]);
  a.el.children.splice(rng.int(0, a.el.children.length), 0, node);
  return `comment-or-pi:${label} @ ${a.path}`;
};

const opElementInSimple: Op = (_d, m, rng, els) => {
  const a = rng.pick(els.filter((x) => x.el.def?.kind === 'simple'));
  const prefix = a.el.name.slice(0, a.el.name.indexOf(':') + 1);
  const child: XElement = { kind: 'element', name: `${prefix}Waarde`, attrs: [], children: [{ kind: 'text', text: textOf(a.el) }] };
  if (rng.chance(0.5)) a.el.children = [child];
  else a.el.children.push({ kind: 'element', name: `${prefixesOf(m).bericht}:Extra`, attrs: [], children: [] });
  return `element-in-simple-content @ ${a.path}`;
};

const opRoot: Op = (doc, m, rng) => {
  const { bericht: bp, basis: sp } = prefixesOf(m);
  const kind = rng.pick([
    'root-name',
    'root-namespace',
    'default-namespace',
    'other-prefixes',
    'no-xml-declaration',
    'declaration-utf-8-lowercase',
    'declaration-standalone',
    'leading-whitespace-before-root',
    'comment-after-root',
    'text-after-root',
    'second-root',
    'pi-before-root',
    'xml-1.1-declaration',
    'policy:utf8-bom',
    'policy:encoding-declared-iso-8859-1',
    'policy:doctype-internal-subset',
  ] as const);
  const rename = (el: XElement, f: (n: string) => string): void => {
    el.name = f(el.name);
    for (const c of elementChildren(el)) rename(c, f);
  };
  switch (kind) {
    case 'root-name':
      doc.root.name = `${bp}:Berichten`;
      break;
    case 'root-namespace':
      doc.root.attrs = doc.root.attrs.map(([k, v]) => [k, k === `xmlns:${bp}` ? UNKNOWN_NS : v]);
      break;
    case 'default-namespace':
      // Message elements unprefixed under a default namespace: same infoset, valid.
      rename(doc.root, (n) => (n.startsWith(`${bp}:`) ? n.slice(bp.length + 1) : n));
      doc.root.attrs = doc.root.attrs.map(([k, v]) => [k === `xmlns:${bp}` ? 'xmlns' : k, v]);
      break;
    case 'other-prefixes':
      rename(doc.root, (n) =>
        n.startsWith(`${bp}:`) ? `b:${n.slice(bp.length + 1)}` : n.startsWith(`${sp}:`) ? `a:${n.slice(sp.length + 1)}` : n,
      );
      doc.root.attrs = doc.root.attrs.map(([k, v]) => [k === `xmlns:${bp}` ? 'xmlns:b' : k === `xmlns:${sp}` ? 'xmlns:a' : k, v]);
      break;
    case 'no-xml-declaration':
      doc.prolog = '';
      break;
    case 'declaration-utf-8-lowercase':
      doc.prolog = '<?xml version="1.0" encoding="utf-8"?>\n';
      break;
    case 'declaration-standalone':
      doc.prolog = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
      break;
    case 'leading-whitespace-before-root':
      doc.prolog = `${doc.prolog}\n\n  `;
      break;
    case 'comment-after-root':
      doc.epilog = '\n<!-- einde -->\n';
      break;
    case 'text-after-root':
      doc.epilog = '\nx\n';
      break;
    case 'second-root':
      doc.epilog = `<${bp}:Bericht xmlns:${bp}="${m.namespace}"/>`;
      break;
    case 'pi-before-root':
      doc.prolog = `${doc.prolog}<?sluis test?>\n`;
      break;
    case 'xml-1.1-declaration':
      doc.prolog = '<?xml version="1.1" encoding="UTF-8"?>\n';
      break;
    // Valid for libxml2, refused by Sluis on purpose: UTF-8 without BOM only (OP192), no DOCTYPE (XXE).
    case 'policy:utf8-bom':
      doc.prolog = `\ufeff${doc.prolog}`;
      break;
    case 'policy:encoding-declared-iso-8859-1':
      // Non-ASCII text as character references, so the bytes mean the same in Latin-1 and UTF-8.
      asciiOnly(doc.root);
      doc.prolog = '<?xml version="1.0" encoding="ISO-8859-1"?>\n';
      break;
    case 'policy:doctype-internal-subset':
      doc.prolog = `${doc.prolog}<!DOCTYPE ${doc.root.name} [<!ELEMENT ${doc.root.name} ANY>]>\n`;
      break;
  }
  return `root:${kind}`;
};

function asciiOnly(el: XElement): void {
  el.children = el.children.map((c): XNode => {
    if (c.kind === 'element') {
      asciiOnly(c);
      return c;
    }
    if (c.kind !== 'text') return c;
    const text = c.raw === true ? c.text : escapeText(c.text);
    return {
      kind: 'text',
      raw: true,
      text: [...text].map((ch) => (ch.codePointAt(0)! > 0x7e ? `&#x${ch.codePointAt(0)!.toString(16)};` : ch)).join(''),
    };
  });
}

const OPS: readonly [Op, number][] = [
  [opValue, 14],
  [opDrop, 3],
  [opDuplicate, 3],
  [opReorder, 2],
  [opRename, 1],
  [opNamespace, 2],
  [opAttribute, 2],
  [opText, 2],
  [opCommentPi, 1],
  [opElementInSimple, 1],
  [opRoot, 1],
];
const TOTAL_WEIGHT = OPS.reduce((s, [, w]) => s + w, 0);

export function applyRandomMutation(doc: XDocument, message: MessageDef, rng: Rng): string {
  for (;;) {
    const els = annotate(doc, message);
    let r = rng.next() * TOTAL_WEIGHT;
    let op = OPS[0]![0];
    for (const [o, w] of OPS) {
      if ((r -= w) < 0) {
        op = o;
        break;
      }
    }
    const label = op(doc, message, rng, els);
    if (label !== undefined) return label;
  }
}
