/**
 * Accessors and declarative rule constructors. Most L2 rules are one of a handful of shapes
 * ("element required when …", "date not before …", "key unique within parent", "no overlapping
 * periods"); the constructors below turn a line of data into an `L2Rule`. Every accessor is
 * total: a missing or oddly typed value gives `undefined`, never an exception, because L2 also
 * runs on berichten that L1 rejected.
 */
import type { BerichtNummer, Standard } from '../../standard/model.js';
import { certainly, compareDates, dateKey, readDate, type XsDate } from './dates.js';
import type { Finding, Findings, L2Rule, Node, RuleContext, RuleKind } from './types.js';

// ---------------------------------------------------------------------------------------------
// Accessors

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Split paths, memoised: the rules use ~80 fixed literal paths, evaluated for every class instance
 * (36k prestaties in a 25 MB 323). A pure cache, capped so odd callers cannot grow it.
 */
const SPLIT = new Map<string, readonly string[]>();
const SPLIT_MAX = 512;
function steps(path: string): readonly string[] {
  let s = SPLIT.get(path);
  if (!s) {
    s = path.split('/');
    if (SPLIT.size < SPLIT_MAX) SPLIT.set(path, s);
  }
  return s;
}

/** The value at a `/`-separated child path (`Omvang/Frequentie`); undefined through arrays. */
export function get(node: Node | undefined, path: string): unknown {
  let cur: unknown = node;
  for (const step of steps(path)) {
    if (!isNode(cur)) return undefined;
    cur = cur[step];
  }
  return cur;
}

export function has(node: Node | undefined, path: string): boolean {
  const v = get(node, path);
  return v !== undefined && v !== null;
}

/** A simple value as the standard's string (cent amounts are rendered as their integer). */
export function str(node: Node | undefined, path: string): string | undefined {
  const v = get(node, path);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** A numeric value: cent amounts are numbers already; LDT_Volume and friends arrive as digit strings. */
export function num(node: Node | undefined, path: string): number | undefined {
  const v = get(node, path);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

export function child(node: Node | undefined, path: string): Node | undefined {
  const v = get(node, path);
  return isNode(v) ? v : undefined;
}

/** The items of a repeatable element (an array in the typed object; a lone object is one item). */
export function items(node: Node | undefined, path: string): readonly Node[] {
  const v = get(node, path);
  if (Array.isArray(v)) return v.filter(isNode);
  return isNode(v) ? [v] : [];
}

/** The RetourCode values under a `RetourCodes` child. */
export function retourCodes(node: Node | undefined): readonly string[] {
  const v = get(node, 'RetourCodes/RetourCode');
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

// ---------------------------------------------------------------------------------------------
// Dates: every rule reads them through `./dates.ts` and fails closed on what it cannot order.

/** The date at `path`: undefined only when absent; an unreadable value is an XsDate no order holds for. */
export function dateAt(node: Node | undefined, path: string): XsDate | undefined {
  const s = str(node, path);
  return s === undefined ? undefined : readDate(s);
}

/** The bericht's Dagtekening as a date (undefined without a header, which only an L1 failure has). */
/** How a failed order is worded: `broken` when the order is known, else that it cannot be determined. */
export function verb(a: XsDate, b: XsDate, broken: string): string {
  return compareDates(a, b) === undefined ? 'cannot be ordered against' : broken;
}

export function dagtekeningOf(ctx: RuleContext): XsDate | undefined {
  return ctx.dagtekening === undefined ? undefined : readDate(ctx.dagtekening);
}

// ---------------------------------------------------------------------------------------------
// Rule constructors

interface Common {
  readonly id: string;
  readonly messages: readonly BerichtNummer[];
  readonly klasse: string;
  readonly element?: string;
  readonly summary: string;
  readonly standards?: readonly Standard[];
}

function kindOf(id: string): RuleKind {
  const k = id.slice(0, 2);
  if (k === 'CD' || k === 'CS' || k === 'RS' || k === 'TR') return k;
  throw new Error(`rule id ${id} has no known kind prefix`);
}

/** Any rule: the predicate returns its findings. */
export function rule<S = undefined>(
  def: Common & {
    check(node: Node, ctx: RuleContext, state: S): Findings;
    state?: L2Rule<S>['state'];
  },
): L2Rule<S> {
  return {
    id: def.id,
    kind: kindOf(def.id),
    messages: def.messages,
    klasse: def.klasse,
    ...(def.element !== undefined ? { element: def.element } : {}),
    retourCode: '0001',
    ...(def.standards ? { standards: def.standards } : {}),
    summary: def.summary,
    check: def.check,
    ...(def.state ? { state: def.state } : {}),
  };
}

type Pred = (node: Node, ctx: RuleContext) => boolean;

/** `element` must be present when `when` holds (CD041, CD075, CD076, CD079, CD085, CD067 …). */
export function requiredIf(def: Common & { element: string; when: Pred; because: string }): L2Rule<undefined> {
  return rule({
    ...def,
    check: (n, ctx) =>
      def.when(n, ctx) && !has(n, def.element) ? { path: def.element, message: `${def.element} is required ${def.because}` } : undefined,
  });
}

/** `element` must be absent when `when` holds (CD077, CD078, CD080, CD086, CD066, CD068 …). */
export function forbiddenIf(def: Common & { element: string; when: Pred; because: string }): L2Rule<undefined> {
  return rule({
    ...def,
    check: (n, ctx) =>
      def.when(n, ctx) && has(n, def.element) ? { path: def.element, message: `${def.element} must be absent ${def.because}` } : undefined,
  });
}

/** `element` present exactly when `when` holds (CD005, CD007, CD043, CD060, CD087). */
export function requiredIff(def: Common & { element: string; when: Pred; because: string; otherwise: string }): L2Rule<undefined> {
  return rule({
    ...def,
    check: (n, ctx) => {
      const want = def.when(n, ctx);
      const present = has(n, def.element);
      if (want && !present) return { path: def.element, message: `${def.element} is required ${def.because}` };
      if (!want && present) return { path: def.element, message: `${def.element} must be absent ${def.otherwise}` };
      return undefined;
    },
  });
}

/** A simple value must be one of `allowed` when present (CS058, CS336, CS318). */
export function valueIn(def: Common & { element: string; allowed: readonly string[]; when?: Pred; because?: string }): L2Rule<undefined> {
  return rule({
    ...def,
    check: (n, ctx) => {
      const v = str(n, def.element);
      if (v === undefined || def.allowed.includes(v)) return undefined;
      if (def.when && !def.when(n, ctx)) return undefined;
      return {
        path: def.element,
        message: `${def.element} ${v} is not allowed${def.because ? ' ' + def.because : ''}; allowed: ${def.allowed.join(', ')}`,
      };
    },
  });
}

/** Date `element` ≥ date `reference` when both are present (CS003, TR018); an order that is not certain fails. */
export function notBefore(def: Common & { element: string; reference: string }): L2Rule<undefined> {
  return rule({
    ...def,
    check: (n) => {
      const a = dateAt(n, def.element);
      const b = dateAt(n, def.reference);
      return a !== undefined && b !== undefined && !certainly(a, '>=', b)
        ? { path: def.element, message: `${def.element} ${a.text} ${verb(a, b, 'lies before')} ${def.reference} ${b.text}` }
        : undefined;
    },
  });
}

/** Each date in `elements` (when present) ≤ the bericht's Dagtekening (TR134); an order that is not certain fails. */
export function notAfterDagtekening(def: Common & { elements: readonly string[]; sensitive?: boolean }): L2Rule<undefined> {
  return rule({
    ...def,
    check: (n, ctx) => {
      const dt = dagtekeningOf(ctx);
      if (dt === undefined) return undefined;
      const out: Finding[] = [];
      for (const e of def.elements) {
        const d = dateAt(n, e);
        // Birth dates are personal data: name the element, not the value.
        if (d !== undefined && !certainly(d, '<=', dt))
          out.push({
            path: e,
            message: `${e}${def.sensitive ? '' : ' ' + d.text} ${verb(d, dt, 'lies after')} the Dagtekening ${dt.text}`,
          });
      }
      return out;
    },
  });
}

/**
 * The key elements of a class as one string. U+001F separates the parts and U+0000 marks an absent
 * optional key element: XML 1.0 cannot carry either character, so no two different keys collide.
 */
export function keyOf(node: Node, key: readonly string[], dates: readonly string[] = []): string {
  let s = '';
  for (let i = 0; i < key.length; i++) {
    const k = key[i]!;
    let v = str(node, k);
    // Dates by value: two spellings of one date are the same key.
    if (v !== undefined && dates.includes(k)) v = dateKey(readDate(v));
    s += (i ? '\u001f' : '') + (v ?? '\u0000');
  }
  return s;
}

/**
 * The class's logical key is unique among its siblings (TR101, TR383). Incremental: one Set per
 * parent instance (the container element, held weakly), so a streamed 323 whose Clients are
 * detached still only keeps key strings, never the Clients themselves.
 */
export function uniqueKey(
  def: Common & { key: readonly string[]; dates?: readonly string[]; what: string },
): L2Rule<WeakMap<object, Set<string>>> {
  return rule<WeakMap<object, Set<string>>>({
    ...def,
    element: def.element ?? def.key.join(', '),
    state: { create: () => new WeakMap() },
    check: (n, ctx, seen) => {
      const parent = ctx.ancestors[ctx.ancestors.length - 1]?.node;
      if (parent === undefined) return undefined;
      let set = seen.get(parent);
      if (!set) {
        set = new Set();
        seen.set(parent, set);
      }
      const k = keyOf(n, def.key, def.dates);
      if (set.has(k))
        return { message: `${def.klasse} repeats the ${def.what} (${def.key.join(' + ')}) of an earlier ${def.klasse} in the same parent` };
      set.add(k);
      return undefined;
    },
  });
}

/**
 * Products in one list must not overlap in time unless they differ in product (TR302, TR386,
 * TR410): same Code (or, without Code, same Categorie) → periods must be disjoint; an item
 * without Product overlaps with any product. Open Einddatum = open-ended.
 */
export function noOverlap(
  def: Common & {
    item: string;
    begin: string;
    end: string;
    /** Items that do not count (TR302: toewijzingen deleted with reden 13/01). */
    ignore?: (item: Node) => boolean;
  },
): L2Rule<undefined> {
  return rule({
    ...def,
    check: (list) => {
      const xs = items(list, def.item);
      const out: Finding[] = [];
      const flagged = new Set<number>();
      for (let j = 0; j < xs.length; j++) {
        const b = xs[j]!;
        if (def.ignore?.(b)) continue;
        for (let i = 0; i < j; i++) {
          const a = xs[i]!;
          if (def.ignore?.(a) || !sameProduct(a, b) || !overlaps(a, b, def.begin, def.end)) continue;
          if (!flagged.has(j)) {
            flagged.add(j);
            out.push({
              path: `${def.item}[${j + 1}]`,
              message: `${def.item} ${j + 1} overlaps in time with ${def.item} ${i + 1} for the same product`,
            });
          }
        }
      }
      return out;
    },
  });
}

function sameProduct(a: Node, b: Node): boolean {
  const pa = child(a, 'Product');
  const pb = child(b, 'Product');
  if (!pa || !pb) return true;
  if (str(pa, 'Categorie') !== str(pb, 'Categorie')) return false;
  const ca = str(pa, 'Code');
  const cb = str(pb, 'Code');
  return ca === undefined || cb === undefined || ca === cb;
}

/** Overlap unless the periods are certainly disjoint (an absent end is open; an unreadable date overlaps). */
function overlaps(a: Node, b: Node, begin: string, end: string): boolean {
  const ab = dateAt(a, begin);
  const bb = dateAt(b, begin);
  if (ab === undefined || bb === undefined) return false; // the begin dates are mandatory: only L1 failures lack one
  const ae = dateAt(a, end);
  const be = dateAt(b, end);
  const disjoint = (be !== undefined && certainly(ab, '>', be)) || (ae !== undefined && certainly(bb, '>', ae));
  return !disjoint;
}

/** Elfproef for a 9-digit BSN: Σ d1·9 + … + d8·2 − d9 ≡ 0 (mod 11). */
export function elfproef(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0;
}

/** Signed cents of a CDT_BedragMetDC / CDT_TotaalBedragMetDC: debet +, credit −. */
export function signedCents(node: Node | undefined, amount: 'Bedrag' | 'TotaalBedrag'): number | undefined {
  const v = num(node, amount);
  const dc = str(node, 'DebetCredit');
  if (v === undefined || (dc !== 'D' && dc !== 'C')) return undefined;
  return dc === 'C' ? -v : v;
}
