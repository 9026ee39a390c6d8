/**
 * The operator console at /console, served by the gateway's own router (decision 0030): routes as
 * data like the API's, server-rendered HTML, no script. Sign in with an API key; a session cookie
 * (HttpOnly, SameSite=Strict, Secure over TLS) and a CSRF token per session checked on every POST.
 * Each party sees only its own berichten (the API's rule), operators everything. The console talks
 * to the services the composition root hands it, never to the store.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { authenticate, type PartiesConfig, type Principal } from '../config/parties.js';
import { candidateRegistry } from '../contracts/candidate.js';
import { createContractenHandlers, type ContractenDeps, type ContractVersie, type Party } from '../contracts/handlers.js';
import type { Contract, Registry } from '../contracts/types.js';
import { BodyTooLargeError, type HttpRequest, type HttpResponse, type Route } from '../http/router.js';
import type { BerichtenService } from '../pipeline/berichten.js';
import { DELIVERY_ID, type DeliveriesService } from '../pipeline/deliveries.js';
import type { TermijnenService } from '../pipeline/termijnen.js';
import type { ReplayDecider } from '../replay/decider.js';
import { handleReplayRequest, type ReplayRequestDeps } from '../replay/operator.js';
import type { ReplayProgress, ReplayReport } from '../replay/run.js';
import { BERICHT_NUMMERS } from '../standard/catalog.js';
import { berichtPage, berichtenPage, CONSOLE_BERICHTEN_QUERY, downloadName } from './berichten.js';
import {
  afleveringenPage,
  contractenPage,
  contractPage,
  type HistoryView,
  REPLAY_FIELDS,
  replayPage,
  replayRunPage,
  TERMIJNEN_PAGE_QUERY,
  termijnenPage,
} from './beheer.js';
import { html } from './html.js';
import { page, redirect, SECURITY_HEADERS } from './layout.js';
import { consoleReads } from './reads.js';
import { cookies, LOGIN_COOKIE, newToken, sameToken, SESSION_COOKIE, Sessions, setCookie, type Session } from './session.js';
import { STYLESHEET } from './style.js';

export interface ConsoleDeps {
  readonly parties: PartiesConfig;
  readonly logger: Logger;
  readonly berichten: BerichtenService;
  readonly termijnen: TermijnenService;
  readonly deliveries: DeliveriesService;
  /** The registry in force (src/app/rules.ts); absent: no SLUIS_REGISTRY. */
  readonly contracten?: ContractenDeps & { readonly persisted: boolean };
  /** Replays as the API runs them; absent: no registry. */
  readonly replay?: Omit<ReplayRequestDeps, 'kafka'>;
  /** A replay decider under a registry that is not (yet) in force: a contract change's dry run. */
  readonly replayUnder?: (registry: Registry) => () => ReplayDecider;
  /** The gateway's clock. */
  readonly now: () => Date;
  readonly sessions?: Sessions;
}

/** A form is small; a contract in JSON is the largest (a few KB). */
const MAX_FORM_BYTES = 256 * 1024;
/** Replay runs whose progress this process keeps for the progress page. */
const KEEP_RUNS = 50;

type Handler = (req: HttpRequest, params: Readonly<Record<string, string>>) => Promise<HttpResponse>;
type Authed = (req: HttpRequest, params: Readonly<Record<string, string>>, s: Session) => Promise<HttpResponse>;

/** Whether the request came over TLS (directly, or as a proxy in front says): the cookies are then Secure. */
function isSecure(req: HttpRequest): boolean {
  return req.secure === true || req.headers['x-forwarded-proto'] === 'https';
}

function notFound(s: Session | undefined, what = 'Deze pagina bestaat niet, of u mag haar niet zien.'): HttpResponse {
  return page({
    title: 'Niet gevonden',
    status: 404,
    body: html`<p>${what}</p>
      <p><a href="/console">Naar de console</a></p>`,
    ...(s ? { session: s } : {}),
  });
}

function forbidden(s: Session, why: string): HttpResponse {
  return page({ title: 'Niet toegestaan', status: 403, session: s, body: html`<p class="error" role="alert">${why}</p>` });
}

async function readForm(req: HttpRequest): Promise<URLSearchParams | HttpResponse> {
  const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (ct !== 'application/x-www-form-urlencoded')
    return page({ title: 'Verkeerd formulier', status: 415, body: html`<p>Dit adres neemt alleen een ingevuld formulier aan.</p>` });
  try {
    return new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(await req.readBody(MAX_FORM_BYTES)));
  } catch (err) {
    if (err instanceof BodyTooLargeError) return page({ title: 'Te groot', status: 413, body: html`<p>Het formulier is te groot.</p>` });
    if (err instanceof TypeError)
      return page({ title: 'Verkeerd formulier', status: 400, body: html`<p>Het formulier is geen UTF-8.</p>` });
    throw err;
  }
}

/** A POST from another site is refused even before its token is looked at: Origin, when sent, must be this host. */
function foreignOrigin(req: HttpRequest): boolean {
  const origin = req.headers['origin'];
  if (origin === undefined || origin === '') return false;
  try {
    return new URL(origin).host !== req.headers['host'];
  } catch {
    return true;
  }
}

function partyOf(p: Principal): Party {
  return p.kind === 'operator' ? { role: 'operator', name: p.name, keyId: p.keyId } : { role: p.party.role, code: p.party.code };
}

export function consoleRoutes(deps: ConsoleDeps): Route[] {
  const sessions = deps.sessions ?? new Sessions();
  const reads = consoleReads(deps.berichten);
  const pageDeps = { berichten: deps.berichten, termijnen: deps.termijnen, reads };
  const handlers = deps.contracten ? createContractenHandlers(deps.contracten) : undefined;
  const runs = new Map<string, { progress?: ReplayProgress; report?: ReplayReport; problem?: string }>();

  const sessionOf = (req: HttpRequest): Session | undefined => sessions.get(cookies(req.headers['cookie']).get(SESSION_COOKIE));

  /** Signed in, else to the login page; a POST also needs this session's CSRF token and no foreign Origin. */
  const authed =
    (h: Authed, o: { operator?: boolean } = {}): Handler =>
    async (req, params) => {
      const s = sessionOf(req);
      if (!s) return redirect('/console/inloggen');
      if (o.operator && s.principal.kind !== 'operator') return notFound(s, 'Deze pagina is alleen voor beheerders.');
      return h(req, params, s);
    };
  const posted = (
    h: (req: HttpRequest, params: Readonly<Record<string, string>>, s: Session, form: URLSearchParams) => Promise<HttpResponse>,
    o: { operator?: boolean } = {},
  ): Handler =>
    authed(async (req, params, s) => {
      if (foreignOrigin(req)) return forbidden(s, 'Dit formulier kwam niet van deze console.');
      const form = await readForm(req);
      if (!(form instanceof URLSearchParams)) return form;
      if (!sameToken(form.get('_csrf') ?? '', s.csrf))
        return forbidden(s, 'Het formulier is verlopen of niet van deze console. Laad de pagina opnieuw.');
      return h(req, params, s, form);
    }, o);

  // ---- sign in and out ----

  const loginPage = (req: HttpRequest, problem?: string, status = 200): HttpResponse => {
    const token = newToken();
    return page({
      title: 'Inloggen',
      status,
      headers: { 'set-cookie': setCookie(LOGIN_COOKIE, token, { secure: isSecure(req), maxAgeSeconds: 3600 }) },
      body: html`${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
        <p>Log in met de API-sleutel van uw organisatie (gemeente of aanbieder) of van functioneel beheer.</p>
        <form class="stack" method="post" action="/console/inloggen">
          <input type="hidden" name="_csrf" value="${token}" />
          <div>
            <label for="sleutel">API-sleutel</label
            ><input id="sleutel" name="sleutel" type="password" autocomplete="current-password" required />
          </div>
          <div><button type="submit">Inloggen</button></div>
        </form>`,
    });
  };

  const login: Handler = async (req) => {
    if (foreignOrigin(req)) return loginPage(req, 'Dit formulier kwam niet van deze console.', 403);
    const form = await readForm(req);
    if (!(form instanceof URLSearchParams)) return form;
    const expected = cookies(req.headers['cookie']).get(LOGIN_COOKIE) ?? '';
    if (!sameToken(form.get('_csrf') ?? '', expected)) return loginPage(req, 'Het formulier is verlopen. Probeer het opnieuw.', 403);
    const key = (form.get('sleutel') ?? '').trim();
    const principal = key ? authenticate(deps.parties, `Bearer ${key}`) : undefined;
    if (!principal) {
      deps.logger.info({ event: 'console-login', outcome: 'refused' }, 'console sign-in refused: unknown key');
      return loginPage(req, 'Deze API-sleutel is niet bekend.', 401);
    }
    const s = sessions.create(principal);
    deps.logger.info(
      {
        event: 'console-login',
        outcome: 'ok',
        kind: principal.kind,
        party: principal.kind === 'party' ? principal.party.code : null,
        operator: principal.kind === 'operator' ? principal.name : null,
        keyId: principal.keyId,
      },
      'console sign-in',
    );
    // A new session id at every sign-in (no fixation); the login token expires on its own within the hour.
    return redirect('/console/berichten', { 'set-cookie': setCookie(SESSION_COOKIE, s.id, { secure: isSecure(req) }) });
  };

  const logout = posted(async (req, _p, s) => {
    sessions.destroy(s.id);
    deps.logger.info({ event: 'console-logout' }, 'console sign-out');
    return redirect('/console/inloggen', { 'set-cookie': setCookie(SESSION_COOKIE, '', { secure: isSecure(req), maxAgeSeconds: 0 }) });
  });

  // ---- berichten ----

  const xmlDownload = (kind: 'xml' | 'retour'): Handler =>
    authed(async (_req, params, s) => {
      const row = await reads.bericht(s.principal, params.id!);
      if (!row) return notFound(s);
      const body = kind === 'xml' ? await reads.xml(s.principal, row) : await reads.retour(s.principal, row);
      if (!body) return notFound(s, 'Sluis maakte geen retourbericht voor dit bericht.');
      return {
        status: 200,
        headers: {
          ...SECURITY_HEADERS,
          'content-type': 'application/xml',
          'content-disposition': `attachment; filename="${downloadName(row, kind === 'retour' ? '-retour' : '')}"`,
        },
        body,
      };
    });

  // ---- termijnen ----

  const termijnen = authed(async (req, _p, s) => {
    const q = req.query;
    const partij = q.get('partij') || undefined;
    const berichtText = q.get('bericht') || undefined;
    const bericht = berichtText?.replace(/^(JW|WMO)/i, '');
    if (partij !== undefined && !/^([0-9]{4}|[0-9]{8})$/.test(partij))
      return termijnenPage(s, q, [], [], 'partij: een CBS-code (4 cijfers) of AGB-code (8 cijfers)');
    if (bericht !== undefined && !(BERICHT_NUMMERS as readonly string[]).includes(bericht))
      return termijnenPage(s, q, [], [], 'bericht: het bericht dat de termijn opende, zoals 301 of JW315');
    const base = {
      limit: 500,
      ...(s.principal.kind === 'party' ? { party: s.principal.party.code } : {}),
      ...(partij ? { partij } : {}),
      ...(bericht ? { bericht } : {}),
    };
    const [open, verlopen] = await Promise.all([
      deps.termijnen.list({ ...base, status: 'open' }),
      deps.termijnen.list({ ...base, status: 'verlopen' }),
    ]);
    return termijnenPage(s, q, open, verlopen);
  });

  // ---- contracten ----

  const contracten = authed(async (_req, _p, s) => {
    if (!handlers) return contractenPage(s, [], false);
    const r = await handlers.list({ method: 'GET', params: {}, party: partyOf(s.principal) });
    return contractenPage(s, (r.body as { contracten: Contract[] }).contracten, true);
  });

  const contractOf = async (s: Session, id: string): Promise<Contract | undefined> => {
    if (!handlers) return undefined;
    const r = await handlers.get({ method: 'GET', params: { id }, party: partyOf(s.principal) });
    return r.status === 200 ? (r.body as Contract) : undefined;
  };

  /** The contract's versions through the history handler (operators; a party sees none, as in the API). */
  const historyOf = async (s: Session, id: string): Promise<HistoryView> => {
    const persisted = deps.contracten?.persisted ?? false;
    if (!handlers || !persisted || s.principal.kind !== 'operator') return { persisted };
    const r = await handlers.history({ method: 'GET', params: { id }, party: partyOf(s.principal) });
    return r.status === 200 ? { persisted, versies: (r.body as { versies: ContractVersie[] }).versies } : { persisted };
  };

  const contract = authed(async (_req, params, s) => {
    const c = await contractOf(s, params.id!);
    if (!c) return notFound(s, 'Dit contract bestaat niet, of uw organisatie staat er niet in.');
    return contractPage(s, c, c.id, undefined, await historyOf(s, c.id));
  });

  const endDateContract = posted(
    async (_req, params, s, form) => {
      if (!handlers) return notFound(s, 'Er is geen contractregister ingesteld.');
      const id = params.id!;
      const existing = await contractOf(s, id);
      if (!existing) return notFound(s, 'Dit contract bestaat niet.');
      const totEnMet = form.get('totEnMet') ?? '';
      const reden = form.get('reden') ?? '';
      const r = await handlers.endDate({ method: 'POST', params: { id, totEnMet, reden }, party: partyOf(s.principal), via: 'console' });
      if (r.status >= 300) {
        const p = r.body as { detail?: string; errors?: { path: string; reason: string }[] };
        return contractPage(
          s,
          existing,
          id,
          {
            json: JSON.stringify(existing, null, 2),
            dagen: '30',
            einde: totEnMet,
            eindeReden: reden,
            errors: p.errors ?? [{ path: 'beëindigen', reason: p.detail ?? 'niet opgeslagen' }],
          },
          await historyOf(s, id),
          r.status,
        );
      }
      deps.logger.info(
        { event: 'contract-beeindigd', operator: operatorName(s.principal), route: 'console', id, totEnMet },
        'contract end-dated from the console',
      );
      const saved = r.body as Contract;
      return contractPage(
        s,
        saved,
        id,
        {
          json: JSON.stringify(saved, null, 2),
          dagen: '30',
          message: html`<p class="ok" role="status">Beëindigd: het contract geldt tot en met ${saved.periode.totEnMet ?? totEnMet}.</p>`,
        },
        await historyOf(s, id),
      );
    },
    { operator: true },
  );

  const editContract = posted(
    async (_req, params, s, form) => {
      const reg = deps.contracten;
      if (!reg || !handlers) return notFound(s, 'Er is geen contractregister ingesteld.');
      const id = params.id!;
      const existing = await contractOf(s, id);
      const persisted = reg.persisted;
      const history = await historyOf(s, id);
      const json = form.get('contract') ?? '';
      const dagenText = form.get('dagen') ?? '30';
      const again = (o: Parameters<typeof contractPage>[3], status = 422): HttpResponse =>
        contractPage(s, existing, id, o, history, status);
      let body: unknown;
      try {
        body = JSON.parse(json);
      } catch (e) {
        return again({ json, dagen: dagenText, errors: [{ path: '$', reason: `geen geldige JSON (${(e as Error).message})` }] }, 400);
      }
      const actie = form.get('actie');
      if (actie === 'opslaan') {
        const reden = form.get('reden') ?? '';
        const r = await handlers.put({ method: 'PUT', params: { id, reden }, body, party: partyOf(s.principal), via: 'console' });
        if (r.status >= 300) {
          const p = r.body as { detail?: string; errors?: { path: string; reason: string }[] };
          return again({ json, dagen: dagenText, errors: p.errors ?? [{ path: '$', reason: p.detail ?? 'niet opgeslagen' }] }, r.status);
        }
        deps.logger.info(
          {
            event: 'contracten-replaced',
            operator: s.principal.kind === 'operator' ? s.principal.name : null,
            route: 'console',
            id,
            persisted,
          },
          persisted
            ? 'contract registry replaced'
            : 'contract registry replaced in memory only (the file is not rewritten; a restart loads the file again)',
        );
        const saved = r.body as Contract;
        return contractPage(
          s,
          saved,
          id,
          {
            json: JSON.stringify(saved, null, 2),
            dagen: dagenText,
            message: html`<p class="ok" role="status">
              Opgeslagen: het contract geldt nu${persisted ? '' : ' (tot een herstart; het registerbestand is niet herschreven)'}.
            </p>`,
          },
          await historyOf(s, id),
          200,
        );
      }
      if (actie !== 'proef') return again({ json, dagen: dagenText, errors: [{ path: '$', reason: 'kies Proefdraaien of Opslaan' }] }, 400);
      const dagen = /^[0-9]{1,3}$/.test(dagenText) ? Number(dagenText) : NaN;
      if (!(dagen >= 1 && dagen <= 366))
        return again({ json, dagen: dagenText, errors: [{ path: 'dagen', reason: 'een aantal dagen van 1 tot en met 366' }] }, 400);
      const cand = candidateRegistry(reg.current(), id, body, reg.checker);
      if (!cand.ok) return again({ json, dagen: dagenText, errors: cand.errors });
      if (!deps.replay || !deps.replayUnder)
        return again(
          {
            json,
            dagen: dagenText,
            message: html`<p class="ok" role="status">Het contract is geldig. (Proefdraaien kan hier niet: geen replay.)</p>`,
          },
          200,
        );
      const to = deps.now();
      const from = new Date(to.getTime() - dagen * 86_400_000);
      const r = await handleReplayRequest(
        deps.replay,
        { from: from.toISOString(), to: new Date(to.getTime() + 1000).toISOString(), dryRun: true },
        operatorName(s.principal),
        {
          decider: deps.replayUnder(cand.registry),
        },
      );
      if (r.status !== 200)
        return again({ json, dagen: dagenText, errors: [{ path: 'proef', reason: r.body.detail ?? r.body.title }] }, 400);
      return again(
        {
          json,
          dagen: dagenText,
          dryRun: r.body,
          message: html`<p class="ok" role="status">
            Het contract is geldig. Hieronder staat wat het zou veranderen aan het verkeer van de laatste ${dagen} dagen; er is nog niets
            opgeslagen.
          </p>`,
        },
        200,
      );
    },
    { operator: true },
  );

  // ---- afleveringen ----

  const afleveringen = authed(
    async (req, _p, s) => {
      const done = req.query.get('opnieuw');
      const rows = await deps.deliveries.failed({ limit: 200 });
      return afleveringenPage(
        s,
        rows,
        done && DELIVERY_ID.test(done) ? html`<p class="ok" role="status">Aflevering ${done} staat weer in de wachtrij.</p>` : undefined,
      );
    },
    { operator: true },
  );

  const redeliver = posted(
    async (_req, params, s) => {
      const id = params.id!;
      if (!DELIVERY_ID.test(id)) return notFound(s);
      const r = await deps.deliveries.redeliver(id);
      if (r === 'not-found') return notFound(s, 'Deze aflevering bestaat niet.');
      if (r === 'not-failed')
        return afleveringenPage(
          s,
          await deps.deliveries.failed({ limit: 200 }),
          html`<p class="warn" role="status">Aflevering ${id} was niet mislukt: er is niets veranderd.</p>`,
        );
      deps.logger.info(
        { event: 'redeliver', operator: operatorName(s.principal), delivery: id, route: 'console' },
        'failed delivery queued again',
      );
      return redirect(`/console/afleveringen?opnieuw=${id}`);
    },
    { operator: true },
  );

  // ---- replay ----

  const replayForm = authed(async (_req, _p, s) => replayPage(s, new URLSearchParams(), { configured: Boolean(deps.replay) }), {
    operator: true,
  });

  const replayPost = posted(
    async (_req, _p, s, form) => {
      if (!deps.replay) return replayPage(s, form, { configured: false });
      const body: Record<string, unknown> = {};
      for (const f of REPLAY_FIELDS) {
        const v = form.get(f);
        if (v) body[f] = v;
      }
      const actie = form.get('actie');
      if (actie !== 'proef' && actie !== 'start')
        return replayPage(s, form, { configured: true, problem: 'Kies Proefdraaien of Uitvoeren.' });
      body.dryRun = actie === 'proef';
      if (actie === 'proef') {
        const r = await handleReplayRequest(deps.replay, body, operatorName(s.principal));
        return r.status === 200
          ? replayPage(s, form, { configured: true, report: r.body })
          : replayPage(s, form, { configured: true, problem: `${r.body.title}: ${r.body.detail ?? ''}` });
      }
      const runId = randomUUID();
      const entry: { progress?: ReplayProgress; report?: ReplayReport; problem?: string } = {};
      runs.set(runId, entry);
      while (runs.size > KEEP_RUNS) runs.delete(runs.keys().next().value!);
      deps.logger.info(
        { event: 'replay', operator: operatorName(s.principal), runId, dryRun: false, route: 'console' },
        'replay started from the console',
      );
      void handleReplayRequest(deps.replay, body, operatorName(s.principal), {
        runId,
        onProgress: (p) => {
          entry.progress = p;
        },
      }).then(
        (r) => {
          if (r.status === 200) entry.report = r.body;
          else entry.problem = `${r.body.title}: ${r.body.detail ?? ''}`;
        },
        (err: unknown) => {
          entry.problem = 'interne fout; zie het log';
          deps.logger.error({ event: 'replay-failed', runId, err }, 'replay from the console failed');
        },
      );
      return redirect(`/console/replay/${runId}`);
    },
    { operator: true },
  );

  const replayRun = authed(async (_req, params, s) => replayRunPage(s, params.id!, runs.get(params.id!)), { operator: true });

  return [
    { method: 'GET', path: '/', handler: async () => ({ status: 302, headers: { location: '/console' } }) },
    {
      method: 'GET',
      path: '/console',
      handler: async (req) => (sessionOf(req) ? redirect('/console/berichten') : redirect('/console/inloggen')),
    },
    {
      method: 'GET',
      path: '/console/sluis.css',
      handler: async () => ({
        status: 200,
        headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600', 'x-content-type-options': 'nosniff' },
        body: STYLESHEET,
      }),
    },
    { method: 'GET', path: '/console/inloggen', handler: async (req) => loginPage(req) },
    { method: 'POST', path: '/console/inloggen', handler: login },
    { method: 'POST', path: '/console/uitloggen', handler: logout },
    {
      method: 'GET',
      path: '/console/berichten',
      query: CONSOLE_BERICHTEN_QUERY,
      handler: authed(async (req, _p, s) => berichtenPage(pageDeps, s, req.query)),
    },
    {
      method: 'GET',
      path: '/console/berichten/{id}',
      query: ['client'],
      handler: authed(
        async (req, params, s) =>
          (await berichtPage(pageDeps, s, params.id!, req.query)) ?? notFound(s, 'Dit bericht bestaat niet, of u mag het niet zien.'),
      ),
    },
    { method: 'GET', path: '/console/berichten/{id}/xml', handler: xmlDownload('xml') },
    { method: 'GET', path: '/console/berichten/{id}/retour', handler: xmlDownload('retour') },
    { method: 'GET', path: '/console/termijnen', query: TERMIJNEN_PAGE_QUERY, handler: termijnen },
    { method: 'GET', path: '/console/contracten', handler: contracten },
    { method: 'GET', path: '/console/contracten/{id}', handler: contract },
    { method: 'POST', path: '/console/contracten/{id}', handler: editContract },
    { method: 'POST', path: '/console/contracten/{id}/beeindigen', handler: endDateContract },
    { method: 'GET', path: '/console/afleveringen', query: ['opnieuw'], handler: afleveringen },
    { method: 'POST', path: '/console/afleveringen/{id}/opnieuw', handler: redeliver },
    { method: 'GET', path: '/console/replay', handler: replayForm },
    { method: 'POST', path: '/console/replay', handler: replayPost },
    { method: 'GET', path: '/console/replay/{id}', handler: replayRun },
  ];
}

function operatorName(p: Principal): string {
  return p.kind === 'operator' ? p.name : p.party.code;
}

/**
 * What the router answers on a /console path without a console handler's say (no such page, a
 * method not allowed, an unknown filter) as an HTML page instead of problem+json.
 */
export function consoleHtmlFallback(req: HttpRequest, res: HttpResponse): HttpResponse {
  if (!req.path.startsWith('/console') || !(res.headers?.['content-type'] ?? '').startsWith('application/problem+json')) return res;
  let detail = '';
  try {
    detail = String((JSON.parse(String(res.body)) as { detail?: string }).detail ?? '');
  } catch {
    detail = '';
  }
  const title =
    res.status === 404 ? 'Niet gevonden' : res.status === 405 ? 'Niet toegestaan' : res.status === 400 ? 'Onbekend filter' : 'Fout';
  const out = page({
    title,
    status: res.status,
    body: html`<p>${detail}</p>
      <p><a href="/console">Naar de console</a></p>`,
  });
  return res.headers?.['allow'] ? { ...out, headers: { ...out.headers, allow: res.headers['allow'] } } : out;
}
