/**
 * Console sessions: signed in with an API key, held in this process's memory (decision 0030). The
 * cookie carries only a random session id (256 bits); the session holds who signed in (the
 * Principal the key belongs to, never the key) and the CSRF token every form posts back. A session
 * ends on logout, after `idleMs` without a request, and after `maxMs` whatever happens.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../config/parties.js';

export interface Session {
  readonly id: string;
  readonly principal: Principal;
  /** Sent back in every form as `_csrf`; compared in constant time. */
  readonly csrf: string;
  readonly createdAt: number;
  lastSeen: number;
}

export interface SessionOptions {
  readonly idleMs: number;
  readonly maxMs: number;
  /** Beyond this many live sessions the oldest is dropped (a bound on memory, not a limit anyone meets). */
  readonly maxSessions: number;
  readonly now: () => number;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  idleMs: 30 * 60_000,
  maxMs: 12 * 3_600_000,
  maxSessions: 10_000,
  now: () => Date.now(),
};

/** The session cookie's name; its path is /console. */
export const SESSION_COOKIE = 'sluis_sessie';
/** Before sign-in: the login form's CSRF token, double-submitted as a cookie and a form field. */
export const LOGIN_COOKIE = 'sluis_inlog';

const token = (): string => randomBytes(32).toString('base64url');

/** Equal strings, compared in constant time (over their SHA-256, so lengths may differ). */
export function sameToken(a: string, b: string): boolean {
  const h = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(h(a), h(b)) && a.length > 0;
}

export class Sessions {
  private readonly byId = new Map<string, Session>();
  constructor(private readonly o: SessionOptions = DEFAULT_SESSION_OPTIONS) {}

  create(principal: Principal): Session {
    const now = this.o.now();
    this.sweep(now);
    while (this.byId.size >= this.o.maxSessions) {
      const oldest = this.byId.keys().next().value;
      if (oldest === undefined) break;
      this.byId.delete(oldest);
    }
    const s: Session = { id: token(), principal, csrf: token(), createdAt: now, lastSeen: now };
    this.byId.set(s.id, s);
    return s;
  }

  /** The live session with this id (its idle clock restarted), or undefined. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const s = this.byId.get(id);
    if (!s) return undefined;
    const now = this.o.now();
    if (now - s.lastSeen > this.o.idleMs || now - s.createdAt > this.o.maxMs) {
      this.byId.delete(id);
      return undefined;
    }
    s.lastSeen = now;
    return s;
  }

  destroy(id: string): void {
    this.byId.delete(id);
  }

  get size(): number {
    return this.byId.size;
  }

  private sweep(now: number): void {
    for (const [id, s] of this.byId) if (now - s.lastSeen > this.o.idleMs || now - s.createdAt > this.o.maxMs) this.byId.delete(id);
  }
}

/** A new random token (the login form's CSRF token). */
export const newToken = token;

/** The cookies of a request (`Cookie` header), first value of each name. */
export function cookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

/** A Set-Cookie value: HttpOnly, SameSite=Strict, Path=/console, Secure when the request came over TLS. */
export function setCookie(name: string, value: string, o: { readonly secure: boolean; readonly maxAgeSeconds?: number }): string {
  return [
    `${name}=${value}`,
    'Path=/console',
    'HttpOnly',
    'SameSite=Strict',
    ...(o.secure ? ['Secure'] : []),
    ...(o.maxAgeSeconds !== undefined ? [`Max-Age=${o.maxAgeSeconds}`] : []),
  ].join('; ');
}
