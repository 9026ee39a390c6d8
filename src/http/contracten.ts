/**
 * Mounts the transport-free contract registry handlers (src/contracts/handlers.ts) on the router:
 *   GET /api/v1/contracten (?wet, gemeente, peildatum), GET|PUT /api/v1/contracten/{id}, PUT /api/v1/contracten,
 *   GET /api/v1/contracten/{id}/historie, POST /api/v1/contracten/{id}/beeindiging (?totEnMet, reden).
 * A change says why in the query parameter `reden` (kept in the contract history, decision 0032).
 * This file only adapts: authentication → the handlers' Party, JSON body parsing (415 unless
 * application/json, 400 on bad JSON, 413 beyond MAX_REGISTRY_BYTES), and writing the handlers' answers
 * (their problems are already Sluis problem types, src/outcomes.ts).
 * Without a registry (no SLUIS_REGISTRY) every route answers 404 not-found saying so.
 */
import type { Logger } from 'pino';
import type { PartiesConfig, Principal } from '../config/parties.js';
import { principalOf, unauthorizedResponse } from './auth.js';
import { createContractenHandlers, type ContractenDeps, type HandlerResponse, type Party } from '../contracts/handlers.js';
import { ProblemType, type Problem } from '../outcomes.js';
import { isCalendarDate } from './query.js';
import { BodyTooLargeError, json, problemOf, problemResponse, type HttpRequest, type HttpResponse, type Route } from './router.js';

/** A registry document of a few hundred contracts is well under 1 MB; 5 MB leaves room without inviting abuse. */
export const MAX_REGISTRY_BYTES = 5 * 1024 * 1024;

export interface ContractenRouteDeps {
  readonly parties: PartiesConfig;
  readonly logger: Logger;
  /** Absent: no contract registry configured. */
  readonly registry?: ContractenDeps & {
    /** Whether a PUT is written anywhere durable; false → in memory until restart (said in a response header). */
    readonly persisted: boolean;
  };
}

function partyOf(p: Principal): Party {
  return p.kind === 'operator' ? { role: 'operator', name: p.name, keyId: p.keyId } : { role: p.party.role, code: p.party.code };
}

export function isJsonContentType(ct: string | undefined): boolean {
  if (!ct) return false;
  const [type, ...params] = ct.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/** A handler answer as an HTTP response: its problems are already in Sluis' vocabulary (src/outcomes.ts). */
function toHttp(r: HandlerResponse, extraHeaders: Record<string, string>): HttpResponse {
  if (r.status < 400) return json(r.status, r.body, extraHeaders);
  return problemResponse(r.body as Problem);
}

/** The query parameters of GET /api/v1/contracten. */
const LIST_QUERY = ['wet', 'gemeente', 'peildatum'] as const;

/** What is wrong with one list filter, naming the parameter; undefined when it is fine. */
function listQueryProblem(name: (typeof LIST_QUERY)[number], v: string): string | undefined {
  if (name === 'wet') return v === 'Jeugdwet' || v === 'Wmo' ? undefined : `wet: Jeugdwet or Wmo (got '${v}')`;
  if (name === 'gemeente') return /^[0-9]{4}$/.test(v) ? undefined : `gemeente: a CBS gemeentecode of 4 digits (got '${v}')`;
  return isCalendarDate(v) ? undefined : `peildatum must be YYYY-MM-DD, a real calendar date (got '${v}')`;
}

export function contractenRoutes(deps: ContractenRouteDeps): Route[] {
  const reg = deps.registry;
  const handlers = reg ? createContractenHandlers(reg) : undefined;
  // Read per answer: the registry becomes durable once the store is open (src/app/rules.ts useStore).
  const persistedHeader = (): Record<string, string> => ({ 'sluis-registry-persisted': reg?.persisted ? 'true' : 'false' });

  const wrap =
    (pick: 'list' | 'get' | 'put' | 'putAll' | 'history' | 'endDate', withBody: boolean) =>
    async (req: HttpRequest, params: Readonly<Record<string, string>>): Promise<HttpResponse> => {
      const principal = principalOf(deps.parties, req);
      if (!principal) {
        return unauthorizedResponse(req);
      }
      if (!handlers) return problemOf(ProblemType.NOT_FOUND, 'no contract registry configured (SLUIS_REGISTRY is not set)');
      const party = partyOf(principal);
      let body: unknown;
      if (withBody) {
        // Operators only: checked before the body is read, so nobody else can make the server parse 5 MB.
        if (party.role !== 'operator') return problemOf(ProblemType.FORBIDDEN, 'only operators may change contracts');
        if (!isJsonContentType(req.headers['content-type']))
          return problemOf(
            ProblemType.UNSUPPORTED_MEDIA_TYPE,
            `contracten take application/json; got '${req.headers['content-type'] ?? '(none)'}'`,
          );
        let raw: Uint8Array;
        try {
          raw = await req.readBody(MAX_REGISTRY_BYTES);
        } catch (err) {
          if (err instanceof BodyTooLargeError) return problemOf(ProblemType.PAYLOAD_TOO_LARGE, `more than ${MAX_REGISTRY_BYTES} bytes`);
          throw err;
        }
        try {
          body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
        } catch (e) {
          return problemOf(ProblemType.BAD_REQUEST, `the body is not valid JSON (${(e as Error).message})`);
        }
      }
      const query: Record<string, string | undefined> = {};
      for (const k of LIST_QUERY) {
        const v = req.query.get(k);
        if (v === null || v === '') continue;
        const why = listQueryProblem(k, v);
        if (why) return problemOf(ProblemType.BAD_REQUEST, why);
        query[k] = v;
      }
      // Change parameters: free text (reden) and a date (totEnMet), checked by the handlers.
      for (const k of ['reden', 'totEnMet'] as const) {
        const v = req.query.get(k);
        if (v !== null) query[k] = v;
      }
      const res = await handlers[pick]({ method: req.method, params: { ...query, ...params }, ...(withBody ? { body } : {}), party });
      if ((withBody || pick === 'endDate') && res.status < 300) {
        deps.logger.info(
          {
            event: 'contracten-replaced',
            operator: principal.kind === 'operator' ? principal.name : null,
            route: pick,
            id: params.id ?? null,
            contracten: reg!.current().contracten.length,
            persisted: reg!.persisted,
          },
          reg!.persisted
            ? 'contract registry replaced'
            : 'contract registry replaced in memory only (the file is not rewritten; a restart loads the file again)',
        );
      }
      return toHttp(res, withBody || pick === 'endDate' ? persistedHeader() : {});
    };

  return [
    { method: 'GET', path: '/api/v1/contracten', query: LIST_QUERY, handler: wrap('list', false) },
    { method: 'PUT', path: '/api/v1/contracten', query: ['reden'], handler: wrap('putAll', true) },
    { method: 'GET', path: '/api/v1/contracten/{id}', handler: wrap('get', false) },
    { method: 'PUT', path: '/api/v1/contracten/{id}', query: ['reden'], handler: wrap('put', true) },
    { method: 'GET', path: '/api/v1/contracten/{id}/historie', handler: wrap('history', false) },
    { method: 'POST', path: '/api/v1/contracten/{id}/beeindiging', query: ['totEnMet', 'reden'], handler: wrap('endDate', false) },
  ];
}
