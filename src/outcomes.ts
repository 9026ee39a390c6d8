/**
 * The one outcome vocabulary of Sluis: every failure a client, an operator or a command can meet is
 * one of these problem types (RFC 9457 problem details, `application/problem+json`), with one stable
 * `type` so clients can branch on it and its HTTP status decided here, once. Rooms below HTTP (the
 * contract handlers, the operator replay) answer with these same problems; src/http only writes them.
 * Types are URNs: stable, not pretending to be resolvable pages.
 */
import type { ValidationIssue } from './validation/issues.js';

const P = 'urn:sluis:problem:';

/** Every problem type Sluis answers with, and its HTTP status. */
export const ProblemType = {
  /** No `Authorization: Bearer` header, or a key that is not configured. */
  UNAUTHORIZED: { type: `${P}unauthorized`, status: 401, title: 'Missing or unknown API key' },
  /** The authenticated party is not the sender of the posted bericht (by message direction). */
  FORBIDDEN_SENDER: { type: `${P}forbidden-sender`, status: 403, title: 'The API key does not belong to the sender of this bericht' },
  /** The caller may not read this resource (not sent by it, not addressed to it, not an operator). */
  FORBIDDEN: { type: `${P}forbidden`, status: 403, title: 'Not allowed for this party' },
  /** No such resource. */
  NOT_FOUND: { type: `${P}not-found`, status: 404, title: 'Not found' },
  /** Route exists, method does not. */
  METHOD_NOT_ALLOWED: { type: `${P}method-not-allowed`, status: 405, title: 'Method not allowed' },
  /** Body larger than 25 MB (OP179). */
  PAYLOAD_TOO_LARGE: { type: `${P}payload-too-large`, status: 413, title: 'Bericht larger than 25 MB' },
  /** The request body stalled (no bytes for a while) or was not complete by its deadline; send it again. */
  REQUEST_TIMEOUT: { type: `${P}request-timeout`, status: 408, title: 'The request body arrived too slowly' },
  /** Berichten: not `application/xml` / `text/xml`; contracten: not `application/json` (with, at most, charset=utf-8). */
  UNSUPPORTED_MEDIA_TYPE: {
    type: `${P}unsupported-media-type`,
    status: 415,
    title: 'Unsupported Content-Type (berichten: application/xml; contracten: application/json)',
  },
  /** Not well-formed XML. */
  MALFORMED_XML: { type: `${P}malformed-xml`, status: 400, title: 'Not well-formed XML' },
  /** A DOCTYPE/entity declaration (XXE, billion laughs): refused before parsing. */
  DOCTYPE_FORBIDDEN: { type: `${P}doctype-forbidden`, status: 400, title: 'DOCTYPE and entity declarations are not allowed' },
  /** Invalid UTF-8 or a byte order mark (OP192: UTF-8 without BOM). */
  ENCODING: { type: `${P}encoding`, status: 400, title: 'Body is not UTF-8 without byte order mark' },
  /** Root namespace is not one of the iJw/iWmo 3.2 message namespaces, or the root is not Bericht. */
  UNKNOWN_NAMESPACE: { type: `${P}unknown-namespace`, status: 400, title: 'Unknown message namespace' },
  /** The BerichtCode does not match the message (or is unknown). */
  UNKNOWN_BERICHT_CODE: { type: `${P}unknown-bericht-code`, status: 400, title: 'Unknown or mismatching BerichtCode' },
  /** BerichtVersie/BerichtSubversie is not 3/2: a release Sluis does not handle. */
  WRONG_VERSION: {
    type: `${P}wrong-version`,
    status: 400,
    title: 'Unsupported BerichtVersie/BerichtSubversie (Sluis handles release 3.2)',
  },
  /** Any other XSD (L1) failure; `issues` lists every one. No retourbericht (FACTS §8). */
  SCHEMA_INVALID: { type: `${P}schema-invalid`, status: 400, title: 'Bericht does not conform to the XSD' },
  /** A contract or registry document fails the schema or the checks (overlap …); `errors` lists path and reason. */
  REGISTRY_INVALID: { type: `${P}registry-invalid`, status: 422, title: 'The contract registry would not be valid' },
  /** A replay selection option is missing or wrong; `option` names it. */
  REPLAY_BAD_SELECTION: { type: `${P}replay-bad-selection`, status: 400, title: 'The replay selection is not valid' },
  /** A replay by Kafka offsets or from the Kafka source: over HTTP Sluis replays from the journal only. */
  REPLAY_NEEDS_KAFKA: { type: `${P}replay-needs-kafka`, status: 400, title: 'This replay needs the Kafka source (use the CLI)' },
  /** A redeliver asked for a delivery that has not failed (it is pending or delivered): nothing to put back. */
  DELIVERY_NOT_FAILED: { type: `${P}delivery-not-failed`, status: 409, title: 'This delivery has not failed' },
  /** A query parameter or path segment is malformed, or a JSON body does not parse. */
  BAD_REQUEST: { type: `${P}bad-request`, status: 400, title: 'Bad request' },
  /**
   * A contract registry change was made against a version that is no longer the newest (another
   * instance or operator changed the registry meanwhile); nothing was stored. Read again and retry.
   */
  CONFLICT: { type: `${P}conflict`, status: 409, title: 'The contract registry changed meanwhile' },
  /** A contract registry change passed every check but could not be stored; the registry in force is unchanged. */
  NOT_PERSISTED: { type: `${P}not-persisted`, status: 500, title: 'The change was valid but could not be stored' },
  /** The store is unavailable or another unexpected failure; nothing was accepted. */
  INTERNAL: { type: `${P}internal`, status: 500, title: 'Internal error; the bericht was not accepted' },
  /** Shutting down or not ready, or too many request bodies in flight (with Retry-After); nothing was accepted. */
  UNAVAILABLE: { type: `${P}unavailable`, status: 503, title: 'Service unavailable' },
  /** A batch (POST /api/v1/batches) that is not a readable zip archive or multipart body; nothing in it was taken in. */
  BATCH_UNREADABLE: { type: `${P}batch-unreadable`, status: 400, title: 'The batch is not a readable zip archive or multipart body' },
  /** A batch archive with folders: the files must be at its top (VECOZO's rule for zipped uploads). */
  BATCH_FOLDERS: { type: `${P}batch-folders`, status: 400, title: 'Folders are not allowed in a batch archive' },
  /** A batch archive with a password-protected (encrypted) entry. */
  BATCH_ENCRYPTED: { type: `${P}batch-encrypted`, status: 400, title: 'Password-protected (encrypted) entries are not allowed' },
  /** A batch without a single file. */
  BATCH_EMPTY: { type: `${P}batch-empty`, status: 400, title: 'The batch holds no files' },
  /** A batch over its limits (files, 25 MB a file, the total uncompressed), or a zip bomb; nothing in it was taken in. */
  BATCH_TOO_LARGE: { type: `${P}batch-too-large`, status: 413, title: 'The batch is over its limits (or a zip bomb)' },
} as const;
export type ProblemKind = (typeof ProblemType)[keyof typeof ProblemType];

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  /** L1 validation issues (schema-invalid and its kin). */
  readonly issues?: readonly ValidationIssue[];
  /** Where a document (a contract registry) is wrong: JSON path and reason. */
  readonly errors?: readonly { readonly path: string; readonly reason: string }[];
  /** The request option that is wrong (replay selections: `--from`, `dryRun`, …). */
  readonly option?: string;
}

export type ProblemExtra = Pick<Problem, 'issues' | 'instance' | 'errors' | 'option'>;

export function problem(kind: ProblemKind, detail?: string, extra: ProblemExtra = {}): Problem {
  return { type: kind.type, title: kind.title, status: kind.status, ...(detail ? { detail } : {}), ...extra };
}

/** The problem type for a set of L1 issues: the most fundamental one decides. */
export function l1ProblemKind(issues: readonly ValidationIssue[]): ProblemKind {
  const codes = new Set(issues.map((i) => i.code));
  if (codes.has('doctype-forbidden')) return ProblemType.DOCTYPE_FORBIDDEN;
  if (codes.has('encoding')) return ProblemType.ENCODING;
  if (codes.has('malformed-xml')) return ProblemType.MALFORMED_XML;
  if (codes.has('unknown-namespace') || codes.has('wrong-root')) return ProblemType.UNKNOWN_NAMESPACE;
  if (issues.some((i) => i.path === '/Bericht/Header/BerichtCode')) return ProblemType.UNKNOWN_BERICHT_CODE;
  if (issues.some((i) => i.path === '/Bericht/Header/BerichtVersie' || i.path === '/Bericht/Header/BerichtSubversie'))
    return ProblemType.WRONG_VERSION;
  return ProblemType.SCHEMA_INVALID;
}
