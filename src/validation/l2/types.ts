/**
 * The shape of an L2 rule (controleniveau 2, "bericht inhoud (xslt)"): every CD/CS rule of the
 * condities/constraints table and the 22 in-message TRs, each one small inspectable object
 * (Valibot style), so the rule table is data that a coverage generator and tests can walk.
 */
import type { BerichtNummer, MessageDef, Standard } from '../../standard/model.js';

/** A typed-object node: element name → value (strings, cent numbers, nested nodes, arrays). */
export type Node = Readonly<Record<string, unknown>>;

/** One violation found by a rule. `path` is relative to the class element (`Omvang/Frequentie`). */
export interface Finding {
  readonly path?: string;
  readonly message: string;
}

export type Findings = readonly Finding[] | Finding | undefined;

export interface Ancestor {
  readonly name: string;
  readonly node: Node;
}

/** What a rule sees besides its own node. Everything is read-only; rules never mutate the bericht. */
export interface RuleContext {
  readonly message: MessageDef;
  readonly standard: Standard;
  /** YYYY-MM-DD, passed in (never read from the clock inside a rule). */
  readonly today: string;
  /** The complete Header (it closes first); undefined only for a bericht without one (L1 already failed). */
  readonly header: Node | undefined;
  /** Header/BerichtIdentificatie/Dagtekening: the date TR002/TR134/TR137/TR380 measure against. */
  readonly dagtekening: string | undefined;
  /** Absolute path of the node being checked, e.g. `/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]`. */
  readonly path: string;
  /** Root first. Partially built: only the children that closed before this node are present. */
  readonly ancestors: readonly Ancestor[];
  /** The nearest ancestor with this element name. */
  ancestor(name: string): Node | undefined;
}

export type RuleKind = 'CD' | 'CS' | 'RS' | 'TR';

/**
 * One rule on one class. A rule id that applies to several classes (CD041 on ToegewezenProduct,
 * AangevraagdProduct and NieuwProduct) is several entries with the same id.
 */
export interface L2Rule<S = unknown> {
  readonly id: string;
  readonly kind: RuleKind;
  readonly messages: readonly BerichtNummer[];
  /** Element name of the class the rule is checked on when it closes ('ToegewezenProduct', 'Header', 'Bericht'). */
  readonly klasse: string;
  /** The element (relative to klasse) the rule is about, for the coverage table and issue paths. */
  readonly element?: string;
  readonly retourCode: '0001';
  /** Only for these standards (TR377/TR409 are iJw-only); all when absent. */
  readonly standards?: readonly Standard[];
  /** Our own words. */
  readonly summary: string;
  check(node: Node, ctx: RuleContext, state: S): Findings;
  /**
   * Rules that need memory across class instances (uniqueness, totals over a streamed 323) get a
   * fresh state per bericht. `observe` lets other classes feed that state before `klasse` closes;
   * an observer may itself report findings (at the observed node).
   */
  readonly state?: {
    create(): S;
    readonly observe?: readonly Observer<S>[];
  };
}

/** Feeds a rule's state from another class (method syntax on purpose: rules with different states share one table). */
export interface Observer<S> {
  readonly klasse: string;
  collect(node: Node, ctx: RuleContext, state: S): Findings;
}

/** How the coverage table classifies a (rule, bericht) pair. */
export type CoverageStatus = 'encoded' | 'xsd' | 'n/a';
