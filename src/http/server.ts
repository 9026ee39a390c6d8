/**
 * Node's own HTTP server as a thin adapter around the transport-free router: it turns a Node request
 * into an HttpRequest (body read lazily, with a byte limit, within the budget for bodies in flight and
 * its timeouts: src/http/body-budget.ts) and writes the HttpResponse back.
 *
 * Why not express: the router does all routing, so express only wrapped each request in its own
 * router, prototype swaps and `next` chain. Over HTTP on PostgreSQL (2-core AMD VM, 32 clients, 7.6 KB
 * JW301, 2 alternations of 3 rounds) that cost the gateway's main thread ~35 µs of its ~190 µs per
 * bericht, and the rate went from 4,060–4,710 to 4,590–5,680 berichten/s without it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ClientCertificate } from '../config/parties.js';
import { ProblemType, problem } from '../outcomes.js';
import { BODY_RETRY_AFTER_SECONDS, BodyBudget, DEFAULT_BODY_LIMITS, type BodyLimits } from './body-budget.js';
import { BodyAbortedError, BodyBusyError, BodyTimeoutError, BodyTooLargeError, type HttpRequest, type HttpResponse } from './router.js';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** The router's own internal-error problem, so both answer a failure alike. */
const INTERNAL = JSON.stringify(problem(ProblemType.INTERNAL));

/** A failure of our own (never the client's): 500 problem+json, unless the answer has already begun. */
function internalError(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = ProblemType.INTERNAL.status;
  res.setHeader('content-type', 'application/problem+json');
  res.end(INTERNAL);
}

/** What one request holds of the body budget; everything is given back when the request ends. */
class BodyHold {
  private reserved = 0;
  private ended = false;
  constructor(private readonly budget: BodyBudget) {}
  reserve(n: number): boolean {
    if (this.ended || !this.budget.tryReserve(n)) return false;
    this.reserved += n;
    return true;
  }
  /** The request ended (answered, failed or aborted): give everything back; later reservations fail. */
  end(): void {
    this.ended = true;
    this.budget.release(this.reserved);
    this.reserved = 0;
  }
}

/**
 * Reads a body within the budget: its declared length is reserved before a byte is read (and filled
 * into one buffer, so a 25 MB body is never held twice), a body without Content-Length reserves each
 * chunk as it arrives. Stalls and overlong reads end with BodyTimeoutError, a client that goes away
 * with BodyAbortedError; on any failure the bytes read so far are dropped at once.
 */
function readBodyWithin(req: IncomingMessage, limit: number, hold: BodyHold, limits: BodyLimits): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const lengthHeader = req.headers['content-length'];
    // Node's parser has already refused a Content-Length that is not a whole number.
    const declared = lengthHeader === undefined ? undefined : Number(lengthHeader);
    if (declared !== undefined && declared > limit) return reject(new BodyTooLargeError(limit));
    if (declared !== undefined && !hold.reserve(declared)) return reject(new BodyBusyError(BODY_RETRY_AFTER_SECONDS));
    let whole: Buffer | undefined = declared !== undefined ? Buffer.allocUnsafe(declared) : undefined;
    let chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    let idle: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => fail(new BodyTimeoutError('deadline')), limits.deadlineMs);
    const armIdle = (): void => {
      if (idle) idle.refresh();
      else idle = setTimeout(() => fail(new BodyTimeoutError('idle')), limits.idleMs);
    };
    const finish = (): void => {
      done = true;
      clearTimeout(deadline);
      if (idle) clearTimeout(idle);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const fail = (err: Error): void => {
      if (done) return;
      finish();
      whole = undefined;
      chunks = [];
      req.pause();
      reject(err);
    };
    const onData = (c: Buffer): void => {
      if (done) return;
      armIdle();
      if (size + c.length > limit) return fail(new BodyTooLargeError(limit));
      if (whole) {
        // Never more than declared: Node's parser stops the body at Content-Length.
        c.copy(whole, size);
      } else {
        if (!hold.reserve(c.length)) return fail(new BodyBusyError(BODY_RETRY_AFTER_SECONDS));
        chunks.push(c);
      }
      size += c.length;
    };
    const onEnd = (): void => {
      if (done) return;
      finish();
      resolve(whole ? whole.subarray(0, size) : Buffer.concat(chunks, size));
      whole = undefined;
      chunks = [];
    };
    const onError = (): void => fail(new BodyAbortedError());
    const onClose = (): void => {
      if (!req.complete) fail(new BodyAbortedError());
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
    armIdle();
  });
}

/** A TLS connection's verified client certificate, read once per connection (keep-alive serves many requests). */
const peerCertificates = new WeakMap<Socket, ClientCertificate | { readonly refused: string } | null>();

/**
 * The client certificate of a TLS connection when it verified against the CA bundle (`authorized`),
 * else why not: the server asks for one but lets the handshake finish without it, so an API key still
 * works over TLS and an unknown or foreign certificate gets a 401 problem, not a broken handshake.
 */
function clientCertificateOf(socket: Socket): ClientCertificate | { readonly refused: string } | undefined {
  const tls = socket as Partial<TLSSocket>;
  if (tls.encrypted !== true || typeof tls.getPeerCertificate !== 'function') return undefined;
  let known = peerCertificates.get(socket);
  if (known === undefined) {
    known = null;
    const c = tls.getPeerCertificate();
    const presented = c !== null && typeof c === 'object' && typeof c.fingerprint256 === 'string';
    if (presented && !tls.authorized) known = { refused: String(tls.authorizationError ?? 'not verified') };
    else if (presented) {
      const serial = (c.subject as Record<string, string | string[] | undefined> | undefined)?.serialNumber;
      known = {
        sha256: c.fingerprint256.replace(/:/g, '').toLowerCase(),
        ...(typeof serial === 'string' ? { serialNumber: serial } : {}),
      };
    }
    peerCertificates.set(socket, known);
  }
  return known ?? undefined;
}

function toHttpRequest(req: IncomingMessage, onConsumed: () => void, hold: BodyHold, limits: BodyLimits, now: () => Date): HttpRequest {
  const receivedAt = now();
  // Path and query by hand: a WHATWG URL per request cost more than the rest of this adapter.
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
  const headers: Record<string, string | undefined> = {};
  const raw = req.headers;
  for (const k in raw) {
    const v = raw[k];
    headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  const peer = clientCertificateOf(req.socket);
  return {
    method: req.method ?? 'GET',
    path,
    query,
    headers,
    receivedAt,
    ...(peer ? ('refused' in peer ? { clientCertificateRefused: peer.refused } : { clientCertificate: peer }) : {}),
    secure: (req.socket as { encrypted?: boolean }).encrypted === true,
    readBody: (limit) => {
      onConsumed();
      return readBodyWithin(req, limit, hold, limits);
    },
  };
}

function writeResponse(req: IncomingMessage, res: ServerResponse, r: HttpResponse, consumed: boolean): void {
  res.statusCode = r.status;
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  // An unread or partly read body (refused before/while reading) cannot be drained cheaply
  // (up to 25 MB): answer and close the connection instead of keeping it alive.
  if (req.method !== 'GET' && req.method !== 'HEAD' && (!consumed || !req.complete)) res.setHeader('connection', 'close');
  if (req.method === 'HEAD' || r.body === undefined) res.end();
  else res.end(typeof r.body === 'string' ? r.body : Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength));
}

/**
 * The request listener for `handle`. Nothing it is given can throw out of it (an uncaught throw would
 * end the process). The router answers and logs its handlers' failures itself; `onError` hears what
 * fails around it (a handler's response that cannot be written, a throw outside the router).
 */
export function createRequestListener(
  handle: (req: HttpRequest) => Promise<HttpResponse>,
  onError: (err: unknown) => void = () => undefined,
  bodies: { readonly budget: BodyBudget; readonly limits: BodyLimits; readonly now?: () => Date } = {
    budget: new BodyBudget(DEFAULT_BODY_LIMITS.budgetBytes),
    limits: DEFAULT_BODY_LIMITS,
  },
): RequestListener {
  // The gateway's clock (src/app/clock.ts): the moment a bericht was received is what the journal orders by.
  const now = bodies.now ?? ((): Date => new Date());
  return (req, res) => {
    let consumed = false;
    // The body's bytes stay reserved until the handler is done with them (journaled, refused or failed).
    const hold = new BodyHold(bodies.budget);
    const fail = (err: unknown): void => {
      hold.end();
      // A client gone mid-upload is not our failure: nothing to log, nobody to answer.
      if (err instanceof BodyAbortedError) {
        res.destroy();
        return;
      }
      onError(err);
      internalError(res);
    };
    try {
      handle(
        toHttpRequest(
          req,
          () => {
            consumed = true;
          },
          hold,
          bodies.limits,
          now,
        ),
      ).then((r) => {
        hold.end();
        try {
          writeResponse(req, res, r, consumed);
        } catch (err) {
          fail(err);
        }
      }, fail);
    } catch (err) {
      fail(err);
    }
  };
}

/** TLS for the listener (PEM contents): the server's certificate and key, and the CA bundle client certificates must verify against. */
export interface TlsOptions {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  /** Absent: no client certificate is asked for. */
  readonly clientCa?: string | Buffer;
}

export function listen(listener: RequestListener, port: number, host: string, tls?: TlsOptions): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server: Server = tls
      ? createTlsServer(
          {
            cert: tls.cert,
            key: tls.key,
            minVersion: 'TLSv1.2',
            // Ask for a certificate, never demand one: unverified ones are ignored (clientCertificateOf).
            ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: false } : {}),
          },
          listener,
        )
      : createServer(listener);
    server.keepAliveTimeout = 65_000;
    // A port in use or a host that cannot be bound arrives as 'error', not through listen's callback.
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}

/**
 * Stops listening and ends the open connections: idle keep-alive connections at once, and each busy
 * one as soon as its response is written (a keep-alive client would otherwise hold the server open
 * for keepAliveTimeout, ~65 s). After `graceMs` whatever is left is cut.
 */
export function closeServer(server: Server, o: { readonly graceMs?: number } = {}): Promise<void> {
  const graceMs = o.graceMs ?? 10_000;
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
