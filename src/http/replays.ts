/**
 * Mounts the transport-free replay handler (src/replay/operator.ts) as `POST /api/v1/replays`, for
 * operators only. The body is the same selection the CLI takes (`from`, `to`, filters, `dryRun`,
 * `rate`); without `"dryRun": false` it is a dry run. Replays over HTTP read the journal; a Kafka
 * source stays with the CLI (it joins a consumer group for seconds, too long for a request).
 * Without a contract registry there are no "today's rules" to replay against: 404 saying so.
 */
import type { Logger } from 'pino';
import type { PartiesConfig } from '../config/parties.js';
import { principalOf, unauthorizedResponse } from './auth.js';
import { handleReplayRequest, type ReplayRequestDeps } from '../replay/operator.js';
import { isJsonContentType } from './contracten.js';
import { ProblemType } from '../outcomes.js';
import { BodyTooLargeError, json, problemOf, problemResponse, type HttpRequest, type HttpResponse, type Route } from './router.js';

/** A selection is a handful of fields; 64 KB is generous. */
export const MAX_REPLAY_REQUEST_BYTES = 64 * 1024;

export interface ReplaysRouteDeps {
  readonly parties: PartiesConfig;
  readonly logger: Logger;
  /** Absent: no contract registry configured. */
  readonly replay?: Omit<ReplayRequestDeps, 'kafka'>;
}

export function replaysRoutes(deps: ReplaysRouteDeps): Route[] {
  const post = async (req: HttpRequest): Promise<HttpResponse> => {
    const principal = principalOf(deps.parties, req);
    if (!principal) {
      return unauthorizedResponse(req);
    }
    if (principal.kind !== 'operator') return problemOf(ProblemType.FORBIDDEN, 'only operators may replay traffic');
    if (!deps.replay)
      return problemOf(
        ProblemType.NOT_FOUND,
        'no contract registry configured (SLUIS_REGISTRY is not set): there are no rules to replay against',
      );
    if (!isJsonContentType(req.headers['content-type']))
      return problemOf(
        ProblemType.UNSUPPORTED_MEDIA_TYPE,
        `replays take application/json; got '${req.headers['content-type'] ?? '(none)'}'`,
      );
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await req.readBody(MAX_REPLAY_REQUEST_BYTES)));
    } catch (err) {
      if (err instanceof BodyTooLargeError) return problemOf(ProblemType.PAYLOAD_TOO_LARGE, `more than ${MAX_REPLAY_REQUEST_BYTES} bytes`);
      if (err instanceof SyntaxError || err instanceof TypeError)
        return problemOf(ProblemType.BAD_REQUEST, `the body is not valid JSON (${err.message})`);
      throw err;
    }
    const r = await handleReplayRequest(deps.replay, body, principal.name);
    if (r.status === 200) {
      deps.logger.info({ event: 'replay', operator: principal.name, dryRun: r.body.dryRun, counts: r.body.counts }, 'replay over HTTP');
      return json(200, r.body);
    }
    return problemResponse(r.body);
  };
  return [{ method: 'POST', path: '/api/v1/replays', handler: post }];
}
