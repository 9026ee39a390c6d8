import { describe, expect, it } from 'vitest';
import type { Principal } from '../config/parties.js';
import { cookies, sameToken, Sessions, setCookie } from './session.js';

const operator: Principal = { kind: 'operator', name: 'beheer', keyId: 't' };

describe('console sessions', () => {
  it('a session ends after the idle time and after the maximum, and on destroy', () => {
    let now = 0;
    const s = new Sessions({ idleMs: 1000, maxMs: 5000, maxSessions: 10, now: () => now });
    const a = s.create(operator);
    expect(a.id).not.toBe(a.csrf);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    now = 900;
    expect(s.get(a.id)?.principal).toEqual(operator);
    now = 1800; // idle 900 since the last request
    expect(s.get(a.id)).toBeDefined();
    now = 2900; // idle 1100
    expect(s.get(a.id)).toBeUndefined();
    const b = s.create(operator);
    for (now = 3000; now <= 7800; now += 800) expect(s.get(b.id)).toBeDefined();
    now = 8000; // 5100 since created
    expect(s.get(b.id)).toBeUndefined();
    const c = s.create(operator);
    s.destroy(c.id);
    expect(s.get(c.id)).toBeUndefined();
    expect(s.get(undefined)).toBeUndefined();
  });

  it('holds at most maxSessions, dropping the oldest', () => {
    const s = new Sessions({ idleMs: 1e9, maxMs: 1e9, maxSessions: 2, now: () => 0 });
    const a = s.create(operator);
    const b = s.create(operator);
    const c = s.create(operator);
    expect(s.size).toBe(2);
    expect(s.get(a.id)).toBeUndefined();
    expect(s.get(b.id) && s.get(c.id)).toBeDefined();
  });

  it('tokens compare in constant time and never match empty', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'abcd')).toBe(false);
    expect(sameToken('', '')).toBe(false);
  });

  it('cookies: parsed from the header; set HttpOnly, SameSite=Strict, Secure only over TLS', () => {
    expect(cookies('a=1; sluis_sessie=xyz; a=2')).toEqual(
      new Map([
        ['a', '1'],
        ['sluis_sessie', 'xyz'],
      ]),
    );
    expect(setCookie('sluis_sessie', 'v', { secure: false })).toBe('sluis_sessie=v; Path=/console; HttpOnly; SameSite=Strict');
    expect(setCookie('sluis_sessie', '', { secure: true, maxAgeSeconds: 0 })).toBe(
      'sluis_sessie=; Path=/console; HttpOnly; SameSite=Strict; Secure; Max-Age=0',
    );
  });
});
