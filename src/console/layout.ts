/**
 * The page frame every console page shares: lang="nl", a skip link, the navigation (the current page
 * marked with aria-current), who is signed in with a logout form, and the security headers.
 */
import type { Principal } from '../config/parties.js';
import type { HttpResponse } from '../http/router.js';
import { html, type Html, type Interpolation } from './html.js';

/** The pages in the navigation; operators see all, a party the first three. */
export const NAV = [
  { key: 'berichten', path: '/console/berichten', label: 'Berichten', operator: false },
  { key: 'termijnen', path: '/console/termijnen', label: 'Termijnen', operator: false },
  { key: 'contracten', path: '/console/contracten', label: 'Contracten', operator: false },
  { key: 'afleveringen', path: '/console/afleveringen', label: 'Afleveringen', operator: true },
  { key: 'replay', path: '/console/replay', label: 'Replay', operator: true },
] as const;
export type NavKey = (typeof NAV)[number]['key'];

/**
 * No script at all, styles from this origin only, forms posting to this origin only, never framed
 * (clickjacking); no referrer leaves the console; pages are not cached (they show personal data).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

export function whoLabel(p: Principal): string {
  return p.kind === 'operator' ? `beheerder ${p.name}` : `${p.party.role} ${p.party.code} (${p.party.name})`;
}

export interface PageOptions {
  readonly title: string;
  readonly body: Interpolation;
  readonly status?: number;
  /** Signed in: the navigation and the logout form (with the session's CSRF token). */
  readonly session?: { readonly principal: Principal; readonly csrf: string };
  readonly current?: NavKey;
  /** Seconds after which the page reloads itself (a replay's progress: works without JavaScript). */
  readonly refreshSeconds?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

function nav(o: PageOptions): Html {
  const s = o.session;
  if (!s) return html``;
  const items = NAV.filter((n) => !n.operator || s.principal.kind === 'operator');
  return html`<nav aria-label="Hoofdmenu">
      <ul>
        ${items.map((n) => html`<li><a href="${n.path}" ${o.current === n.key ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}
      </ul>
    </nav>
    <p class="who">Ingelogd als ${whoLabel(s.principal)}</p>
    <form method="post" action="/console/uitloggen">
      <input type="hidden" name="_csrf" value="${s.csrf}" /><button type="submit">Uitloggen</button>
    </form>`;
}

export function page(o: PageOptions): HttpResponse {
  const body = html`<!doctype html>
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${o.refreshSeconds ? html`<meta http-equiv="refresh" content="${o.refreshSeconds}" />` : ''}
        <title>${o.title} — Sluis console</title>
        <link rel="stylesheet" href="/console/sluis.css" />
      </head>
      <body>
        <a class="skip" href="#inhoud">Naar de inhoud</a>
        <header class="top"><a href="/console">Sluis console</a>${nav(o)}</header>
        <main id="inhoud" tabindex="-1">
          <h1>${o.title}</h1>
          ${o.body}
        </main>
      </body>
    </html> `;
  return {
    status: o.status ?? 200,
    headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS, ...o.headers },
    body: body.value,
  };
}

/** 303 See Other: after a POST, and to the login page. */
export function redirect(location: string, headers: Readonly<Record<string, string>> = {}): HttpResponse {
  return { status: 303, headers: { location, ...SECURITY_HEADERS, ...headers } };
}

const TIME = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium' });

/** A moment as Dutch date and time in Amsterdam, with its ISO form for machines. */
export function when(d: Date | string | null | undefined): Html {
  if (d === null || d === undefined) return html``;
  const t = d instanceof Date ? d : new Date(d);
  if (Number.isNaN(t.getTime())) return html`${String(d)}`;
  return html`<time datetime="${t.toISOString()}">${TIME.format(t)}</time>`;
}

/** Dutch words for the decision's actions. */
export const ACTIE: Readonly<Record<string, string>> = { route: 'doorgestuurd', suppress: 'onderdrukt', refuse: 'geweigerd' };
