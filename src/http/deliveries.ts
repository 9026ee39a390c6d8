/**
 * `GET /api/v1/deliveries?status=failed` and `POST /api/v1/deliveries/{id}/redeliver`, operators
 * only: the webhook and Kafka deliveries that were given up, with their last error, and putting one
 * back in the queue (src/pipeline/deliveries.ts).
 */
import type { Logger } from 'pino';
import { authenticate, type PartiesConfig } from '../config/parties.js';
import { DELIVERY_ID, deliveryView, type DeliveriesService } from '../pipeline/deliveries.js';
import { ProblemType, problem } from '../outcomes.js';
import { parseWholeNumber } from './query.js';
import { json, problemOf, problemResponse, type HttpRequest, type HttpResponse, type Route } from './router.js';

export interface DeliveriesRouteDeps {
  readonly parties: PartiesConfig;
  readonly logger: Logger;
  readonly deliveries: DeliveriesService;
}

export const DELIVERIES_QUERY = ['status', 'channel', 'after', 'limit'] as const;

/** The channels whose deliveries can fail (the postbus is read, never pushed). */
const CHANNELS = ['webhook', 'kafka'] as const;

export function deliveriesRoutes(deps: DeliveriesRouteDeps): Route[] {
  const operator = (req: HttpRequest): { name: string } | HttpResponse => {
    const principal = authenticate(deps.parties, req.headers['authorization']);
    if (!principal)
      return problemResponse(
        problem(
          ProblemType.UNAUTHORIZED,
          req.headers['authorization'] ? 'the API key is not known' : 'send Authorization: Bearer <api key>',
        ),
        { 'www-authenticate': 'Bearer realm="sluis"' },
      );
    if (principal.kind !== 'operator') return problemOf(ProblemType.FORBIDDEN, 'only operators see and redeliver deliveries');
    return { name: principal.name };
  };

  const list = async (req: HttpRequest): Promise<HttpResponse> => {
    const who = operator(req);
    if ('status' in who) return who;
    const bad = (why: string): HttpResponse => problemOf(ProblemType.BAD_REQUEST, why);
    const q = (name: string): string | undefined => {
      const v = req.query.get(name);
      return v === null || v === '' ? undefined : v;
    };
    if (q('status') !== 'failed') return bad("status: 'failed' (the deliveries that were given up) is required");
    const channel = q('channel');
    if (channel !== undefined && !(CHANNELS as readonly string[]).includes(channel)) return bad(`channel: one of ${CHANNELS.join(', ')}`);
    const limitText = q('limit');
    const limit = limitText === undefined ? 100 : parseWholeNumber(limitText, 1, 1000);
    if (limit === undefined) return bad('limit: an integer 1–1000');
    const after = q('after');
    if (after !== undefined && !DELIVERY_ID.test(after)) return bad('after: the id of the last delivery of the previous page');
    const rows = await deps.deliveries.failed({ limit, ...(channel ? { channel } : {}), ...(after ? { before: after } : {}) });
    const last = rows.at(-1);
    return json(200, { items: rows.map(deliveryView), next: last && rows.length === limit ? last.id : null });
  };

  const redeliver = async (req: HttpRequest, params: Readonly<Record<string, string>>): Promise<HttpResponse> => {
    const who = operator(req);
    if ('status' in who) return who;
    const id = params.id!;
    if (!DELIVERY_ID.test(id)) return problemOf(ProblemType.NOT_FOUND, 'no such delivery');
    const r = await deps.deliveries.redeliver(id);
    if (r === 'not-found') return problemOf(ProblemType.NOT_FOUND, 'no such delivery');
    if (r === 'not-failed') return problemOf(ProblemType.DELIVERY_NOT_FAILED, 'it is pending or was delivered');
    deps.logger.info({ event: 'redeliver', operator: who.name, delivery: id }, 'failed delivery queued again');
    return json(202, { id, requeued: true });
  };

  return [
    { method: 'GET', path: '/api/v1/deliveries', query: DELIVERIES_QUERY, handler: list },
    { method: 'POST', path: '/api/v1/deliveries/{id}/redeliver', handler: redeliver },
  ];
}
