/**
 * The console's sign-in and forms over plain HTTP (no browser): the login form's own CSRF token, a
 * foreign Origin refused, Secure cookies behind a TLS proxy, security headers on every page, and a
 * party's 404 for another's bericht, XML and retour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_KEYS, sampleXml, startConsoleFixture, type ConsoleFixture } from './fixture.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('console sign-in and forms', () => {
  let fx: ConsoleFixture;
  let base: string;
  beforeAll(async () => {
    fx = await startConsoleFixture('pglite', new Date('2026-11-04T09:00:00Z'));
    base = fx.gw.url;
  });
  afterAll(async () => {
    await fx?.close();
  });

  /** The login page's token and its cookie. */
  const loginForm = async (headers: Record<string, string> = {}): Promise<{ token: string; cookie: string; setCookie: string }> => {
    const r = await fetch(`${base}/console/inloggen`, { headers });
    const setCookie = r.headers.get('set-cookie')!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await r.text())![1]!;
    return { token, cookie: setCookie.split(';')[0]!, setCookie };
  };
  const signIn = async (key: string, headers: Record<string, string> = {}): Promise<Response> => {
    const f = await loginForm(headers);
    return fetch(`${base}/console/inloggen`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...FORM, cookie: f.cookie, ...headers },
      body: new URLSearchParams({ _csrf: f.token, sleutel: key }).toString(),
    });
  };

  it('the login form needs its own token (double-submitted cookie) and an Origin of this host', async () => {
    const f = await loginForm();
    const body = new URLSearchParams({ _csrf: f.token, sleutel: CONSOLE_KEYS.operator }).toString();
    const noCookie = await fetch(`${base}/console/inloggen`, { method: 'POST', redirect: 'manual', headers: FORM, body });
    expect(noCookie.status).toBe(403);
    expect(noCookie.headers.get('set-cookie')).not.toContain('sluis_sessie');
    const foreign = await fetch(`${base}/console/inloggen`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...FORM, cookie: f.cookie, origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const ok = await signIn(CONSOLE_KEYS.operator);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/console/berichten');
    expect(ok.headers.get('set-cookie')).toMatch(/^sluis_sessie=[A-Za-z0-9_-]{43}; Path=\/console; HttpOnly; SameSite=Strict$/);
    const wrong = await signIn('no-such-key-0123456789');
    expect(wrong.status).toBe(401);
  });

  it('behind a TLS proxy the cookies are Secure; pages carry the security headers', async () => {
    const f = await loginForm({ 'x-forwarded-proto': 'https' });
    expect(f.setCookie).toContain('; Secure');
    const r = await signIn(CONSOLE_KEYS.operator, { 'x-forwarded-proto': 'https' });
    expect(r.headers.get('set-cookie')).toMatch(/; Secure$/);
    const page = await fetch(`${base}/console/berichten`, { headers: { cookie: r.headers.get('set-cookie')!.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).not.toContain('script-src');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it("a signed-in POST from another Origin, or with another session's token, is refused; logout ends the session", async () => {
    const a = (await signIn(CONSOLE_KEYS.operator)).headers.get('set-cookie')!.split(';')[0]!;
    const b = (await signIn(CONSOLE_KEYS.operator)).headers.get('set-cookie')!.split(';')[0]!;
    const tokenOf = async (cookie: string): Promise<string> =>
      /name="_csrf" value="([^"]+)"/.exec(await (await fetch(`${base}/console/berichten`, { headers: { cookie } })).text())![1]!;
    const tokenB = await tokenOf(b);
    const withA = (csrf: string, extra: Record<string, string> = {}) =>
      fetch(`${base}/console/uitloggen`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...FORM, cookie: a, ...extra },
        body: new URLSearchParams({ _csrf: csrf }).toString(),
      });
    expect((await withA(tokenB)).status).toBe(403);
    const tokenA = await tokenOf(a);
    expect((await withA(tokenA, { origin: 'http://evil.example' })).status).toBe(403);
    const out = await withA(tokenA);
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    const after = await fetch(`${base}/console/berichten`, { redirect: 'manual', headers: { cookie: a } });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/console/inloggen');
  });

  it('another aanbieder gets 404 for the 301, its XML and retour, the same as for a bericht that does not exist', async () => {
    const c = (await signIn(CONSOLE_KEYS.aanbieder42420001)).headers.get('set-cookie')!.split(';')[0]!;
    for (const path of [
      `/console/berichten/${fx.ids.toewijzing}`,
      `/console/berichten/${fx.ids.toewijzing}/xml`,
      `/console/berichten/${fx.ids.toewijzing}/retour`,
    ]) {
      const r = await fetch(`${base}${path}`, { headers: { cookie: c } });
      expect(r.status, path).toBe(404);
      const t = await r.text();
      expect(t).not.toContain('AMS301000017');
      expect(r.headers.get('content-disposition')).toBeNull();
    }
    const none = await fetch(`${base}/console/berichten/01M00000000000000000000000`, { headers: { cookie: c } });
    expect(none.status).toBe(404);
    // beheer pages are operators' only
    for (const path of ['/console/afleveringen', '/console/replay'])
      expect((await fetch(`${base}${path}`, { headers: { cookie: c } })).status, path).toBe(404);
  });

  it("the sender of a rejected bericht downloads Sluis's retour as an attachment; the page links it as the answer", async () => {
    // an L2 rejection: a BSN that fails the elfproef (CS002), so Sluis answers with the 302
    const bad = sampleXml('JW301')
      .replace(/(<[a-z0-9]+:Identificatie>)[^<]*(<\/)/, '$1CONSOLE-L2$2')
      .replace(/(<[a-z0-9]+:Bsn>)[0-9]{9}</, '$1123456789<');
    const r = await fx.post(bad, CONSOLE_KEYS.gemeente0363);
    expect(r.status).toBe('afgekeurd');
    const c = (await signIn(CONSOLE_KEYS.gemeente0363)).headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await fetch(`${base}/console/berichten/${r.id}`, { headers: { cookie: c } })).text();
    expect(page).toContain(`href="/console/berichten/${r.id}/retour" download`);
    expect(page).toContain('CS002');
    const retour = await fetch(`${base}/console/berichten/${r.id}/retour`, { headers: { cookie: c } });
    expect(retour.status).toBe(200);
    expect(retour.headers.get('content-type')).toBe('application/xml');
    expect(retour.headers.get('content-disposition')).toBe('attachment; filename="JW301-CONSOLE-L2-retour.xml"');
    expect(await retour.text()).toContain(':Bericht');
  });
});
