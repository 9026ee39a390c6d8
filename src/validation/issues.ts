/**
 * One issue shape for every level (Valibot/Medplum style): where, what code, which rule, why.
 * L1 = XSD (schema), L2 = in-message rules (CD/CS/RS and the "bericht inhoud (xslt)" TRs),
 * L3 = stateful rules (berichtoverstijgend / externe bron). Paths are element paths with a 1-based
 * index on repeatable elements: `/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Product/Code`.
 */
export type ValidationLevel = 'L1' | 'L2' | 'L3';

/** Machine-readable L1 codes. Stable: clients and tests match on them. */
export const L1Code = {
  /** The bytes are not well-formed XML (or not XML at all). */
  MALFORMED_XML: 'malformed-xml',
  /** A DOCTYPE (and with it entity declarations) is present; refused before parsing (XXE, billion laughs). */
  DOCTYPE_FORBIDDEN: 'doctype-forbidden',
  /**
   * The document exceeds a cap Sluis sets on XML shapes no bericht needs (more than 64 attributes on
   * an element, elements nested more than 64 deep, a name longer than 256 characters): refused so that
   * parsing stays linear in the size of the body. The message names the cap.
   */
  LIMIT_EXCEEDED: 'limit-exceeded',
  /** Not UTF-8, or UTF-8 with a byte order mark (OP192). */
  ENCODING: 'encoding',
  /** The root element's namespace is not one of the 28 message namespaces. */
  UNKNOWN_NAMESPACE: 'unknown-namespace',
  /** The namespace names a message but the header's BerichtCode is another (or no) message's code. */
  WRONG_BERICHTCODE: 'wrong-berichtcode',
  /** BerichtVersie/BerichtSubversie is not 3/2: a bericht of another release. */
  WRONG_VERSION: 'wrong-berichtversie',
  /** The namespace is known but the root element is not `Bericht`. */
  WRONG_ROOT: 'wrong-root',
  /** An element in the wrong namespace (e.g. a basisschema child in the message namespace). */
  WRONG_NAMESPACE: 'wrong-namespace',
  /** An element the content model does not allow at this place (unknown, out of order, or surplus). */
  UNEXPECTED_ELEMENT: 'unexpected-element',
  /** A mandatory element is missing. */
  MISSING_ELEMENT: 'missing-element',
  /** Non-whitespace text inside an element that only has element content. */
  TEXT_NOT_ALLOWED: 'text-not-allowed',
  /** An attribute; the message XSDs declare none. */
  ATTRIBUTE_NOT_ALLOWED: 'attribute-not-allowed',
  /** Child elements inside a simple-typed element. */
  ELEMENT_NOT_ALLOWED: 'element-not-allowed',
  /** The value does not match the type's pattern (RS037 and friends). */
  PATTERN: 'pattern',
  /** The value is not one of the code list's codes. */
  ENUMERATION: 'enumeration',
  /** Shorter than minLength (this is where "no empty elements", RS033, lands for strings). */
  MIN_LENGTH: 'min-length',
  /** Longer than maxLength. */
  MAX_LENGTH: 'max-length',
  /** Below minInclusive. */
  MIN_INCLUSIVE: 'min-inclusive',
  /** Above maxInclusive. */
  MAX_INCLUSIVE: 'max-inclusive',
  /** Not an xs:integer. */
  INVALID_INTEGER: 'invalid-integer',
  /** Not an xs:date (or an impossible date such as 2027-06-31). */
  INVALID_DATE: 'invalid-date',
  /** Not an xs:time. */
  INVALID_TIME: 'invalid-time',
} as const;
export type L1CodeValue = (typeof L1Code)[keyof typeof L1Code];

export interface ValidationIssue {
  readonly level: ValidationLevel;
  readonly path: string;
  /** L1: an L1Code value. L2/L3: the rule id (CD005, TR134 …). */
  readonly code: string;
  /** L2/L3: the rule that failed. */
  readonly rule?: string;
  /** The RetourCode the standard prescribes for this failure (L2: always 0001). */
  readonly retourCode?: string;
  /** Human text, in English, never containing a BSN or a name from the bericht. */
  readonly message: string;
}
