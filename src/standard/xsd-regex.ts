/**
 * XML Schema regular expressions → ECMAScript. XSD patterns are implicitly anchored and their
 * `\s`, `\S` and `.` are narrower than JavaScript's: `\s` is exactly space, tab, CR, LF
 * (XML Schema 1.0 part 2, appendix F.1.1), `.` is anything but CR and LF. Getting these wrong makes
 * us disagree with libxml2 on values like "\u00a0" (a no-break space is not XSD whitespace).
 * The basisschema only uses character classes, groups, `+ * {n}` and these escapes, so the
 * translation handles exactly that and refuses anything else (subtraction, \p, \i, \c).
 */
/** XSD's single-character escapes of metacharacters (F.1.1 SingleCharEsc): `\.` is a literal dot. */
const SINGLE_CHAR_ESCAPES: ReadonlySet<string> = new Set(['.', '-', '\\', '[', ']', '(', ')', '{', '}', '*', '+', '?', '|', '^', '$']);
/** `\n`, `\r`, `\t`: the same escapes in ECMAScript. */
const CONTROL_ESCAPES: ReadonlySet<string> = new Set(['n', 'r', 't']);

export function xsdPatternToEcma(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      i++;
      switch (n) {
        case 's':
          out += inClass ? ' \\t\\n\\r' : '[ \\t\\n\\r]';
          break;
        case 'S':
          if (inClass) throw new Error(`\\S inside a class is not supported: ${pattern}`);
          out += '[^ \\t\\n\\r]';
          break;
        case 'd':
          out += inClass ? '0-9' : '[0-9]';
          break;
        default:
          if (n === undefined || !(SINGLE_CHAR_ESCAPES.has(n) || CONTROL_ESCAPES.has(n)))
            throw new Error(`unsupported XSD regex escape \\${n ?? ''} in ${pattern}`);
          out += '\\' + n;
      }
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      if (c === '[') throw new Error(`nested class / subtraction not supported: ${pattern}`);
      out += c;
      continue;
    }
    switch (c) {
      case '[':
        inClass = true;
        out += c;
        break;
      case '.':
        out += '[^\\n\\r]';
        break;
      case '^':
      case '$':
        out += '\\' + c;
        break; // literal in XSD regexes
      default:
        out += c;
    }
  }
  return `^(?:${out})$`;
}

export function compileXsdPattern(pattern: string): RegExp {
  return new RegExp(xsdPatternToEcma(pattern), 'u');
}

// ---------------------------------------------------------------------------------------------
// A linear-time matcher for the same XSD regex subset.
//
// Why not the translated RegExp for checking values: V8's backtracking engine keeps one stack entry
// per iteration of a repeated group, so LDT_Commentaar's `([.\s]*\S+[.\s]*)+` overflowed the stack on a
// 3 MB value of short words ("x y z …", valid for libxml2), and nested quantifiers can backtrack in
// proportion to the value. Here the pattern becomes a Glushkov automaton (one state per character
// class occurrence, no ε-moves) that is run as a set of states: every character is read once, the
// work per character is bounded by the pattern's size, and nothing recurses on the value.

/** A character class: ASCII through a table, the rest through code point ranges. */
interface CharClass {
  readonly ascii: Uint8Array;
  /** Inclusive [lo, hi] pairs, code points ≥ 0x80 only. */
  readonly ranges: readonly number[];
  readonly negated: boolean;
}

type Node =
  | { readonly t: 'sym'; readonly cls: CharClass }
  | { readonly t: 'cat'; readonly items: readonly Node[] }
  | { readonly t: 'alt'; readonly items: readonly Node[] }
  | { readonly t: 'rep'; readonly item: Node; readonly min: number; readonly max: number };

/** XSD `\s`: exactly space, tab, LF, CR. */
const WS_RANGES = [0x20, 0x20, 0x09, 0x0a, 0x0d, 0x0d];

function makeClass(ranges: readonly number[], negated: boolean): CharClass {
  const ascii = new Uint8Array(128);
  const high: number[] = [];
  for (let i = 0; i < ranges.length; i += 2) {
    const lo = ranges[i]!;
    const hi = ranges[i + 1]!;
    for (let c = lo; c <= Math.min(hi, 127); c++) ascii[c] = 1;
    if (hi >= 128) high.push(Math.max(lo, 128), hi);
  }
  if (negated) for (let c = 0; c < 128; c++) ascii[c] = ascii[c] ? 0 : 1;
  return { ascii, ranges: high, negated };
}

function classHas(cls: CharClass, cp: number): boolean {
  if (cp < 128) return cls.ascii[cp] === 1;
  const r = cls.ranges;
  let inside = false;
  for (let i = 0; i < r.length; i += 2) {
    if (cp >= r[i]! && cp <= r[i + 1]!) {
      inside = true;
      break;
    }
  }
  return inside !== cls.negated;
}

/** Parses the subset `xsdPatternToEcma` accepts (and refuses the same constructs). */
class PatternParser {
  private i = 0;
  constructor(private readonly p: string) {}

  parse(): Node {
    const n = this.alternation();
    if (this.i < this.p.length) throw new Error(`unbalanced ')' in ${this.p}`);
    return n;
  }

  private alternation(): Node {
    const items = [this.sequence()];
    while (this.p[this.i] === '|') {
      this.i++;
      items.push(this.sequence());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.p.length && this.p[this.i] !== '|' && this.p[this.i] !== ')') items.push(this.quantified(this.atom()));
    return { t: 'cat', items };
  }

  private quantified(atom: Node): Node {
    let node = atom;
    for (;;) {
      const c = this.p[this.i];
      if (c === '*') node = { t: 'rep', item: node, min: 0, max: Infinity };
      else if (c === '+') node = { t: 'rep', item: node, min: 1, max: Infinity };
      else if (c === '?') node = { t: 'rep', item: node, min: 0, max: 1 };
      else if (c === '{') {
        const m = /^\{([0-9]+)(,([0-9]*))?\}/.exec(this.p.slice(this.i));
        if (!m) throw new Error(`malformed quantifier in ${this.p}`);
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (max < min) throw new Error(`malformed quantifier in ${this.p}`);
        node = { t: 'rep', item: node, min, max };
        this.i += m[0].length - 1;
      } else return node;
      this.i++;
    }
  }

  private atom(): Node {
    const p = this.p;
    const c = p.codePointAt(this.i)!;
    if (c === 0x28 /* ( */) {
      this.i++;
      const inner = this.alternation();
      if (p[this.i] !== ')') throw new Error(`unbalanced '(' in ${p}`);
      this.i++;
      return inner;
    }
    if (c === 0x5b /* [ */) return { t: 'sym', cls: this.charClass() };
    if (c === 0x2e /* . */) {
      this.i++;
      return { t: 'sym', cls: makeClass([0x0a, 0x0a, 0x0d, 0x0d], true) };
    }
    if (c === 0x5c /* \ */) {
      const e = this.escape();
      return { t: 'sym', cls: makeClass(e.ranges, e.negated) };
    }
    if (c === 0x2a || c === 0x2b || c === 0x3f || c === 0x7b) throw new Error(`quantifier without an atom in ${p}`);
    this.i += c > 0xffff ? 2 : 1;
    return { t: 'sym', cls: makeClass([c, c], false) };
  }

  /** An escape at `i` (the backslash): its ranges, and whether they are negated (`\S`). */
  private escape(): { ranges: number[]; negated: boolean } {
    const n = this.p[this.i + 1];
    this.i += 2;
    switch (n) {
      case 's':
        return { ranges: WS_RANGES, negated: false };
      case 'S':
        return { ranges: WS_RANGES, negated: true };
      case 'd':
        return { ranges: [0x30, 0x39], negated: false };
      case 'n':
        return { ranges: [0x0a, 0x0a], negated: false };
      case 'r':
        return { ranges: [0x0d, 0x0d], negated: false };
      case 't':
        return { ranges: [0x09, 0x09], negated: false };
      default: {
        if (n === undefined || !SINGLE_CHAR_ESCAPES.has(n)) throw new Error(`unsupported XSD regex escape \\${n ?? ''} in ${this.p}`);
        const c = n.charCodeAt(0);
        return { ranges: [c, c], negated: false };
      }
    }
  }

  /** `[...]` at `i`: ranges, single characters, `\s`/`\d` and escapes; a leading `^` negates. */
  private charClass(): CharClass {
    const p = this.p;
    this.i++;
    let negated = false;
    if (p[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const ranges: number[] = [];
    let first = true;
    for (;;) {
      if (this.i >= p.length) throw new Error(`unterminated class in ${p}`);
      let c = p.codePointAt(this.i)!;
      if (c === 0x5d /* ] */ && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === 0x5b) throw new Error(`nested class / subtraction not supported: ${p}`);
      if (c === 0x5c) {
        const e = this.escape();
        if (e.negated) throw new Error(`\\S inside a class is not supported: ${p}`);
        if (e.ranges.length > 2 || e.ranges[0] !== e.ranges[1]) {
          ranges.push(...e.ranges);
          continue;
        }
        c = e.ranges[0]!;
      } else this.i += c > 0xffff ? 2 : 1;
      // A range `c-d`; a '-' right before ']' is a literal (as in the ECMAScript translation).
      if (p[this.i] === '-' && this.i + 1 < p.length && p[this.i + 1] !== ']') {
        this.i++;
        let d = p.codePointAt(this.i)!;
        if (d === 0x5c) {
          const e = this.escape();
          if (e.negated || e.ranges.length > 2 || e.ranges[0] !== e.ranges[1]) throw new Error(`malformed range in ${p}`);
          d = e.ranges[0]!;
        } else this.i += d > 0xffff ? 2 : 1;
        if (d < c) throw new Error(`malformed range in ${p}`);
        ranges.push(c, d);
      } else ranges.push(c, c);
    }
    return makeClass(ranges, negated);
  }
}

/** Patterns are small; this bounds the automaton a counted repetition can blow up to. */
const MAX_POSITIONS = 4096;

/** The Glushkov automaton of a pattern, and a reusable state buffer for running it. */
export class XsdPatternMatcher {
  private readonly classes: CharClass[] = [];
  private readonly follow: Int32Array[];
  private readonly first: Int32Array;
  private readonly isLast: Uint8Array;
  private readonly nullable: boolean;
  private cur: Int32Array;
  private next: Int32Array;
  private readonly stamp: Uint32Array;
  private generation = 0;

  constructor(readonly source: string) {
    const follow: Set<number>[] = [];
    const build = (n: Node): { nullable: boolean; first: number[]; last: number[] } => {
      switch (n.t) {
        case 'sym': {
          const id = this.classes.length;
          if (id >= MAX_POSITIONS) throw new Error(`pattern too large: ${source}`);
          this.classes.push(n.cls);
          follow.push(new Set());
          return { nullable: false, first: [id], last: [id] };
        }
        case 'alt': {
          const parts = n.items.map(build);
          return { nullable: parts.some((x) => x.nullable), first: parts.flatMap((x) => x.first), last: parts.flatMap((x) => x.last) };
        }
        case 'cat': {
          let acc = { nullable: true, first: [] as number[], last: [] as number[] };
          for (const item of n.items) {
            const b = build(item);
            for (const l of acc.last) for (const f of b.first) follow[l]!.add(f);
            acc = {
              nullable: acc.nullable && b.nullable,
              first: acc.nullable ? [...acc.first, ...b.first] : acc.first,
              last: b.nullable ? [...acc.last, ...b.last] : b.last,
            };
          }
          return acc;
        }
        case 'rep': {
          if (n.min === 0 && n.max === Infinity) {
            // x*: the loop itself.
            const b = build(n.item);
            for (const l of b.last) for (const f of b.first) follow[l]!.add(f);
            return { nullable: true, first: b.first, last: b.last };
          }
          if (n.min === 0 && n.max === 1) {
            const b = build(n.item);
            return { nullable: true, first: b.first, last: b.last };
          }
          // x{min,max} as min copies of x, then x* (unbounded) or (max − min) copies of x?.
          const copies: Node[] = [];
          for (let k = 0; k < n.min; k++) copies.push(n.item);
          if (n.max === Infinity) copies.push({ t: 'rep', item: n.item, min: 0, max: Infinity });
          else for (let k = n.min; k < n.max; k++) copies.push({ t: 'rep', item: n.item, min: 0, max: 1 });
          return build({ t: 'cat', items: copies });
        }
      }
    };
    const root = build(new PatternParser(source).parse());
    this.follow = follow.map((s) => Int32Array.from(s));
    this.first = Int32Array.from(new Set(root.first));
    this.isLast = new Uint8Array(this.classes.length);
    for (const l of root.last) this.isLast[l] = 1;
    this.nullable = root.nullable;
    this.cur = new Int32Array(this.classes.length);
    this.next = new Int32Array(this.classes.length);
    this.stamp = new Uint32Array(this.classes.length);
  }

  /** Whether the whole of `s` matches (XSD patterns are anchored). Time linear in `s`, no recursion. */
  test(s: string): boolean {
    const n = s.length;
    if (n === 0) return this.nullable;
    const classes = this.classes;
    const stamp = this.stamp;
    let cur = this.cur;
    let next = this.next;
    let nCur = 0;
    let i = 0;
    // The first character: the start state's moves are the pattern's first positions.
    let cp = s.codePointAt(0)!;
    i = cp > 0xffff ? 2 : 1;
    let gen = this.nextGeneration();
    for (const q of this.first) {
      if (stamp[q] !== gen && classHas(classes[q]!, cp)) {
        stamp[q] = gen;
        cur[nCur++] = q;
      }
    }
    while (i < n && nCur > 0) {
      cp = s.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      gen = this.nextGeneration();
      let nNext = 0;
      for (let k = 0; k < nCur; k++) {
        const f = this.follow[cur[k]!]!;
        for (let j = 0; j < f.length; j++) {
          const q = f[j]!;
          if (stamp[q] !== gen) {
            stamp[q] = gen;
            if (classHas(classes[q]!, cp)) next[nNext++] = q;
          }
        }
      }
      const t = cur;
      cur = next;
      next = t;
      nCur = nNext;
    }
    let ok = false;
    if (i >= n) for (let k = 0; k < nCur; k++) if (this.isLast[cur[k]!] === 1) ok = true;
    // Buffers may have swapped; keep both for the next call.
    this.cur = cur;
    this.next = next;
    return ok;
  }

  private nextGeneration(): number {
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }
}

/** The linear-time matcher for an XSD pattern (see XsdPatternMatcher). */
export function compileXsdMatcher(pattern: string): XsdPatternMatcher {
  return new XsdPatternMatcher(pattern);
}

/**
 * Values up to this many UTF-16 units are matched with V8's RegExp: its backtracking is bounded by the
 * length (the patterns of the standard have no nested unbounded repetition, so at most quadratic in it)
 * and it is ~1.8× cheaper per value than the automaton (bench: L1-only small berichten, 8,590 → 15,432
 * msg per CPU-s). Longer values — a Commentaar of megabytes — take the automaton: linear, constant stack.
 */
export const REGEXP_MAX_LENGTH = 256;

/** An XSD pattern check in linear time for any value, with V8's RegExp for the short values nearly all are. */
export interface XsdPatternTest {
  test(value: string): boolean;
}

export function compileXsdPatternTest(pattern: string): XsdPatternTest {
  const re = compileXsdPattern(pattern);
  const automaton = new XsdPatternMatcher(pattern);
  return { test: (value) => (value.length <= REGEXP_MAX_LENGTH ? re.test(value) : automaton.test(value)) };
}
