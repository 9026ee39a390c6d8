/**
 * The shape of the generated message model. The data lives in `./generated/model.ts`, written by
 * `npm run gen` from the published XSDs; parsing, validation, building and the retour builder all
 * read the same tables (Medplum-style "the spec is data").
 */

export const STANDARDS = ['ijw', 'iwmo'] as const;
/** iJw (Jeugdwet) or iWmo (Wmo 2015). One implementation, parameterised by this value. */
export type Standard = (typeof STANDARDS)[number];

/** The three-digit message numbers shared by both standards; the catalog says what each means. */
export { BERICHT_NUMMERS, RETOUR_VAN, type BerichtNummer } from './catalog.js';
import type { BerichtNummer } from './catalog.js';

/** `JW301` … `JW325`, `WMO301` … `WMO325`: the names the standard uses for its message XSDs. */
export type BerichtId = `JW${BerichtNummer}` | `WMO${BerichtNummer}`;

/** XSD primitive the simple type derives from (the basisschema uses only these four). */
export type BaseType = 'string' | 'integer' | 'date' | 'time';

/**
 * How a simple value is carried in a typed object: `text` keeps the standard's string exactly,
 * `cents` turns LDT_Bedrag/LDT_Budget/LDT_TotaalBedrag into an integer number of eurocent (IV024).
 */
export type ValueKind = 'text' | 'cents';

export interface SimpleTypeDef {
  readonly name: string;
  readonly base: BaseType;
  readonly valueKind: ValueKind;
  /**
   * Patterns per derivation step. Within a step the patterns are alternatives; all steps must
   * match (XML Schema 1.0 part 2, §4.3.4.3). Stored in XSD regex syntax, translated at load.
   */
  readonly patterns: readonly (readonly string[])[];
  readonly enumeration?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
}

export interface ElementDef {
  readonly name: string;
  /** `bericht`: the message namespace; `basis`: the basisschema namespace (children of CDT_ types). */
  readonly ns: 'bericht' | 'basis';
  readonly min: number;
  /** `Infinity` for unbounded. */
  readonly max: number;
  readonly kind: 'simple' | 'complex';
  /** Key into SIMPLE_TYPES or COMPLEX_TYPES. */
  readonly type: string;
}

export interface ComplexTypeDef {
  readonly name: string;
  /** xs:sequence in document order; the XSDs use no choice, all, attributes or mixed content. */
  readonly children: readonly ElementDef[];
}

export interface MessageDef {
  readonly id: BerichtId;
  readonly standard: Standard;
  readonly nummer: BerichtNummer;
  /** The BerichtCode the header must carry (e.g. 436 for JW301). */
  readonly berichtCode: string;
  readonly namespace: string;
  readonly basisNamespace: string;
  readonly rootType: string;
  /** Appinfo of the XSD: what a bericht built against it puts in XsdVersie. */
  readonly xsdVersie: { readonly basisschema: string; readonly bericht: string };
}

export interface ModelTables {
  readonly messages: Readonly<Record<BerichtId, MessageDef>>;
  readonly complexTypes: Readonly<Record<string, ComplexTypeDef>>;
  readonly simpleTypes: Readonly<Record<string, SimpleTypeDef>>;
}

export function berichtId(standard: Standard, nummer: BerichtNummer): BerichtId {
  return `${standard === 'ijw' ? 'JW' : 'WMO'}${nummer}`;
}
