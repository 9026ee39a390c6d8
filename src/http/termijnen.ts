/**
 * `GET /api/v1/termijnen`: the termijnen Sluis tracks (decision 0025), newest first, paged by `after`
 * (the last item's id). A party sees the termijnen of berichten between itself and another party (it
 * is gemeente or aanbieder of the termijn); operators see all.
 */
import type { Logger } from 'pino';
import type { PartiesConfig } from '../config/parties.js';
import { principalOf, unauthorizedResponse } from './auth.js';
import { termijnView, type TermijnenService } from '../pipeline/termijnen.js';
import { TermijnStatus } from '../pipeline/termijn-derive.js';
import { BERICHT_NUMMERS } from '../standard/catalog.js';
import { ProblemType } from '../outcomes.js';
import { parseWholeNumber } from './query.js';
import { json, problemOf, type HttpRequest, type HttpResponse, type Route } from './router.js';

export interface TermijnenRouteDeps {
  readonly parties: PartiesConfig;
  readonly logger: Logger;
  readonly termijnen: TermijnenService;
}

export const TERMIJNEN_QUERY = ['status', 'partij', 'bericht', 'after', 'limit'] as const;

export function termijnenRoutes(deps: TermijnenRouteDeps): Route[] {
  const list = async (req: HttpRequest): Promise<HttpResponse> => {
    const principal = principalOf(deps.parties, req);
    if (!principal) return unauthorizedResponse(req);
    const q = (name: string): string | undefined => {
      const v = req.query.get(name);
      return v === null || v === '' ? undefined : v;
    };
    const bad = (why: string): HttpResponse => problemOf(ProblemType.BAD_REQUEST, why);
    const limitText = q('limit');
    const limit = limitText === undefined ? 100 : parseWholeNumber(limitText, 1, 1000);
    if (limit === undefined) return bad('limit: an integer 1–1000');
    const status = q('status');
    if (status !== undefined && !(Object.values(TermijnStatus) as string[]).includes(status))
      return bad(`status: one of ${Object.values(TermijnStatus).join(', ')}`);
    const partij = q('partij');
    if (partij !== undefined && !/^([0-9]{4}|[0-9]{8})$/.test(partij)) return bad('partij: a CBS (4 digits) or AGB (8 digits) code');
    const berichtText = q('bericht');
    const bericht = berichtText?.replace(/^(JW|WMO)/, '');
    if (berichtText !== undefined && !(BERICHT_NUMMERS as readonly string[]).includes(bericht ?? ''))
      return bad('bericht: the message that opened the termijn, a number such as 301 or an id such as JW301');
    const afterText = q('after');
    const after = afterText === undefined ? undefined : parseWholeNumber(afterText, 1, 999_999_999);
    if (afterText !== undefined && after === undefined) return bad('after: the id of the last termijn of the previous page');
    const rows = await deps.termijnen.list({
      limit,
      ...(principal.kind === 'party' ? { party: principal.party.code } : {}),
      ...(partij ? { partij } : {}),
      ...(status ? { status } : {}),
      ...(bericht ? { bericht } : {}),
      ...(after !== undefined ? { before: String(after) } : {}),
    });
    const last = rows.at(-1);
    return json(200, { items: rows.map(termijnView), next: last && rows.length === limit ? Number(last.seq) : null });
  };
  return [{ method: 'GET', path: '/api/v1/termijnen', query: TERMIJNEN_QUERY, handler: list }];
}
