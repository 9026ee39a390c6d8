/**
 * `GET /api/v1/toegangslog`: the access log of personal data (decision 0033), newest first, for
 * operators only (a party cannot see who read what). Filters: bericht (id), actor (operator name or
 * party code), route (api, console, cli), lezing, from/to (time), after (the last item's seq), limit.
 * `sluis toegangslog` takes the same filters (parseToegangslogQuery).
 */
import type { Logger } from 'pino';
import { authenticate, type PartiesConfig } from '../config/parties.js';
import { LeesRoute, Lezing, type ToegangslogFilter, type ToegangslogService } from '../pipeline/toegangslog.js';
import { ProblemType, problem } from '../outcomes.js';
import { parseTimestamp, parseWholeNumber } from './query.js';
import { json, problemOf, problemResponse, type HttpRequest, type HttpResponse, type Route } from './router.js';

export interface ToegangslogRouteDeps {
  readonly parties: PartiesConfig;
  readonly logger: Logger;
  readonly toegangslog: ToegangslogService;
}

export const TOEGANGSLOG_QUERY = ['bericht', 'actor', 'route', 'lezing', 'from', 'to', 'after', 'limit'] as const;

/** The filter from query values, or what is wrong with one (naming it). */
export function parseToegangslogQuery(
  q: (name: (typeof TOEGANGSLOG_QUERY)[number]) => string | undefined,
  maxLimit = 1000,
): ToegangslogFilter | { readonly error: string } {
  const limitText = q('limit');
  const limit = limitText === undefined ? 100 : parseWholeNumber(limitText, 1, maxLimit);
  if (limit === undefined) return { error: `limit: an integer 1–${maxLimit}` };
  const bericht = q('bericht');
  if (bericht !== undefined && !/^[0-9A-Za-z_-]{1,64}$/.test(bericht)) return { error: 'bericht: a bericht id' };
  const actor = q('actor');
  if (actor !== undefined && actor.length > 200) return { error: 'actor: an operator name or a party code' };
  const route = q('route');
  if (route !== undefined && !(route in LeesRoute)) return { error: `route: one of ${Object.keys(LeesRoute).join(', ')}` };
  const lezing = q('lezing');
  if (lezing !== undefined && !(lezing in Lezing)) return { error: `lezing: one of ${Object.keys(Lezing).join(', ')}` };
  const range: Record<'from' | 'to', string | undefined> = { from: q('from'), to: q('to') };
  for (const [k, v] of Object.entries(range))
    if (v !== undefined && parseTimestamp(v) === undefined)
      return { error: `${k}: a real date or timestamp, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM] (got '${v}')` };
  const after = q('after');
  if (after !== undefined && parseWholeNumber(after, 1, Number.MAX_SAFE_INTEGER) === undefined)
    return { error: 'after: the seq of the last item of the previous page' };
  return {
    limit,
    ...(bericht ? { berichtId: bericht } : {}),
    ...(actor ? { actor } : {}),
    ...(route ? { route } : {}),
    ...(lezing ? { lezing } : {}),
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
    ...(after ? { before: after } : {}),
  };
}

export function toegangslogRoutes(deps: ToegangslogRouteDeps): Route[] {
  const list = async (req: HttpRequest): Promise<HttpResponse> => {
    const principal = authenticate(deps.parties, req.headers['authorization']);
    if (!principal)
      return problemResponse(
        problem(
          ProblemType.UNAUTHORIZED,
          req.headers['authorization'] ? 'the API key is not known' : 'send Authorization: Bearer <api key>',
        ),
        { 'www-authenticate': 'Bearer realm="sluis"' },
      );
    if (principal.kind !== 'operator') return problemOf(ProblemType.FORBIDDEN, 'only operators may read the access log');
    const filter = parseToegangslogQuery((name) => {
      const v = req.query.get(name);
      return v === null || v === '' ? undefined : v;
    });
    if ('error' in filter) return problemOf(ProblemType.BAD_REQUEST, filter.error);
    const items = await deps.toegangslog.search(filter);
    const last = items.at(-1);
    return json(200, { items, next: last && items.length === filter.limit ? last.seq : null });
  };
  return [{ method: 'GET', path: '/api/v1/toegangslog', query: TOEGANGSLOG_QUERY, handler: list }];
}
