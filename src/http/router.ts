/**
 * Transport-free HTTP: a request object in, a response object out (Medplum style). Node's HTTP
 * server (src/http/server.ts), a test or a bench only adapts; no framework type crosses into a handler.
 */
import type { ClientCertificate } from '../config/parties.js';
import { ProblemType, problem, type Problem, type ProblemKind } from '../outcomes.js';
import { queryNameProblem } from './query.js';

export interface HttpRequest {
  readonly method: string;
  /** Path without query string, e.g. `/api/v1/berichten/01J…`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /**
   * Reads the body, at most `limit` bytes; rejects with BodyTooLargeError beyond that, BodyBusyError
   * when the bodies in flight leave no room for it, BodyTimeoutError when it stalls or takes too long,
   * BodyAbortedError when the client goes away (src/http/body-budget.ts).
   */
  readBody(limit: number): Promise<Uint8Array>;
  readonly receivedAt: Date;
  /** Over TLS: the client certificate that verified against the configured CA bundle (src/http/auth.ts). */
  readonly clientCertificate?: ClientCertificate;
  /** Over TLS: a client certificate was presented but did not verify (why, as OpenSSL says it); it stands for nobody. */
  readonly clientCertificateRefused?: string;
  /** It came over TLS (the console's cookies are then Secure); absent: not known to be. */
  readonly secure?: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The status recorded for a request whose client went away (nginx's "client closed request"): it is
 * never sent (there is nobody to send it to), but the metrics count it apart from the 500s.
 */
export const CLIENT_CLOSED_STATUS = 499;

/** The budget for bodies in flight has no room for this one: 503 with Retry-After; try again soon. */
export class BodyBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many request bodies in flight');
    this.name = 'BodyBusyError';
  }
}

/** The body stalled (no bytes for a while) or was not complete by its deadline: 408. */
export class BodyTimeoutError extends Error {
  constructor(readonly why: 'idle' | 'deadline') {
    super(why === 'idle' ? 'no body bytes received for too long' : 'the body was not complete in time');
    this.name = 'BodyTimeoutError';
  }
}

/** The client closed the connection before its body arrived: nobody's failure to log, nobody to answer. */
export class BodyAbortedError extends Error {
  constructor() {
    super('the client closed the request before its body was complete');
    this.name = 'BodyAbortedError';
  }
}

/** The answer to a body that could not be read (BodyTooLargeError and the others above), or undefined for any other error. */
export function bodyErrorResponse(err: unknown): HttpResponse | undefined {
  if (err instanceof BodyTooLargeError) return problemOf(ProblemType.PAYLOAD_TOO_LARGE, `more than ${err.limit} bytes`);
  if (err instanceof BodyBusyError)
    return problemResponse(problem(ProblemType.UNAVAILABLE, `too many request bodies in flight; retry after ${err.retryAfterSeconds} s`), {
      'retry-after': String(err.retryAfterSeconds),
    });
  if (err instanceof BodyTimeoutError) return problemOf(ProblemType.REQUEST_TIMEOUT, err.message);
  if (err instanceof BodyAbortedError) return { status: CLIENT_CLOSED_STATUS };
  return undefined;
}

export type Handler = (req: HttpRequest, params: Readonly<Record<string, string>>) => Promise<HttpResponse>;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** OpenAPI-style path template: `/api/v1/berichten/{id}`. */
  readonly path: string;
  /** The query parameters this route takes; any other, or one given twice, is a 400 naming it. Default: none. */
  readonly query?: readonly string[];
  readonly handler: Handler;
}

export const API_VERSION = '1.0.0';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): HttpResponse {
  return { status: p.status, headers: { 'content-type': 'application/problem+json', ...headers }, body: JSON.stringify(p) };
}

export function problemOf(kind: ProblemKind, detail?: string): HttpResponse {
  return problemResponse(problem(kind, detail));
}

function match(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (p[i] === '') return undefined;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(p[i]!);
      } catch {
        return undefined;
      }
    } else if (seg !== p[i]) return undefined;
  }
  return params;
}

export function createRouter(
  routes: readonly Route[],
  onError: (err: unknown, req: HttpRequest) => void,
): (req: HttpRequest) => Promise<HttpResponse> {
  return async (req) => {
    let res: HttpResponse;
    try {
      res = await dispatch(routes, req);
    } catch (err) {
      // A body that could not be read is the client's or the load's doing, not a failure of ours.
      const refused = bodyErrorResponse(err);
      if (refused) res = refused;
      else {
        onError(err, req);
        res = problemOf(ProblemType.INTERNAL);
      }
    }
    if (req.path.startsWith('/api/')) res = { ...res, headers: { ...res.headers, 'api-version': API_VERSION } };
    return res;
  };
}

async function dispatch(routes: readonly Route[], req: HttpRequest): Promise<HttpResponse> {
  let pathMatched = false;
  for (const r of routes) {
    const params = match(r.path, req.path);
    if (!params) continue;
    pathMatched = true;
    if (r.method === req.method || (r.method === 'GET' && req.method === 'HEAD')) {
      const bad = queryNameProblem(req.query, r.query ?? []);
      return bad ? problemOf(ProblemType.BAD_REQUEST, bad) : r.handler(req, params);
    }
  }
  if (pathMatched) {
    const allow = routes
      .filter((r) => match(r.path, req.path))
      .map((r) => r.method)
      .join(', ');
    return problemResponse(problem(ProblemType.METHOD_NOT_ALLOWED, `allowed: ${allow}`), { allow });
  }
  return problemOf(ProblemType.NOT_FOUND, `no route for ${req.method} ${req.path}`);
}
