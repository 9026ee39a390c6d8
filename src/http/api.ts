/**
 * The `/api/v1` handlers and the health/metrics endpoints, as data (`Route[]`), so the OpenAPI
 * document and its test can check every route. Authorisation rules (PRODUCT §1): a party posts only
 * berichten it is the sender of and reads only berichten sent by it or routed to it; operators read all.
 */
import type { Logger } from 'pino';
import type { PartiesConfig, Principal } from '../config/parties.js';
import { principalOf, unauthorizedResponse } from './auth.js';
import { mayRead, type BerichtenService, type GelezenBericht, type StoredBericht } from '../pipeline/berichten.js';
import { sluisRetourNummer, type TermijnenService } from '../pipeline/termijnen.js';
import type { IngestOutcome } from '../pipeline/ingest.js';
import type { CollectedGauge, GatewayMetrics } from './metrics.js';
import { ProblemType, l1ProblemKind, problem } from '../outcomes.js';
import { parseWholeNumber } from './query.js';
import { BERICHTEN_QUERY, berichtenFilter } from './berichten-query.js';
import {
  BodyAbortedError,
  BodyBusyError,
  BodyTimeoutError,
  bodyErrorResponse,
  json,
  problemOf,
  problemResponse,
  type HttpRequest,
  type HttpResponse,
  type Route,
} from './router.js';

/** OP179: a bericht file is at most 25 MB. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

export interface ApiDeps {
  /** The journal as the API reads it (src/pipeline/berichten.ts): HTTP never touches the store. */
  readonly berichten: BerichtenService;
  readonly parties: PartiesConfig;
  readonly ingest: (raw: Uint8Array, principal: Principal, receivedAt: Date) => Promise<IngestOutcome>;
  readonly metrics: GatewayMetrics;
  readonly gauges: readonly CollectedGauge[];
  readonly logger: Logger;
  readonly openapi: () => unknown;
  /** False while starting or shutting down. */
  readonly isReady: () => boolean;
  /** The termijnen (decision 0025): a bericht's `gekoppeld` block. Absent: the block is left out. */
  readonly termijnen?: TermijnenService;
}

const XML_TYPES = new Set(['application/xml', 'text/xml']);

/** `application/xml`, `text/xml`, optionally `; charset=utf-8` (any other charset is refused: OP192). */
export function isXmlContentType(ct: string | undefined): boolean {
  if (!ct) return false;
  const [type, ...params] = ct.split(';').map((s) => s.trim().toLowerCase());
  if (!type || !XML_TYPES.has(type)) return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/** Operators; the sender, the addressee, and a party that posted it for the sender (submitted_by). The console reads by the same rule. */
export function canRead(p: Principal, row: Pick<StoredBericht, 'sender' | 'addressee' | 'submitted_by'>): boolean {
  return mayRead(p, row);
}

function encodeCursor(seq: string): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}
function decodeCursor(c: string): bigint | undefined {
  const s = Buffer.from(c, 'base64url').toString('utf8');
  return /^s[0-9]{1,18}$/.test(s) ? BigInt(s.slice(1)) : undefined;
}

/**
 * The berichten this one answers and the answers it got (through the termijnen they opened and
 * closed), each only when the caller may read it; Sluis's own retourbericht for a rejection is an answer too.
 */
export async function linked(
  principal: Principal,
  row: StoredBericht,
  termijnen: TermijnenService,
): Promise<{ heenberichten: unknown[]; antwoorden: unknown[] }> {
  const links = (await termijnen.links(row.id)).filter((l) => canRead(principal, l));
  const item = (l: { id: string; bericht: string; regel: string }): Record<string, unknown> => ({
    id: l.id,
    bericht: l.bericht,
    regel: l.regel,
    href: `/api/v1/berichten/${l.id}`,
  });
  const antwoorden: Record<string, unknown>[] = links.filter((l) => l.richting === 'antwoord').map(item);
  const retour = row.retour_xml ? sluisRetourNummer(row.bericht) : undefined;
  if (row.retour_xml)
    antwoorden.unshift({ id: row.id, ...(retour ? { bericht: retour } : {}), door: 'sluis', href: `/api/v1/berichten/${row.id}/retour` });
  return { heenberichten: links.filter((l) => l.richting === 'heenbericht').map(item), antwoorden };
}

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function apiRoutes(deps: ApiDeps): Route[] {
  const { berichten, metrics, logger } = deps;
  const who = (req: HttpRequest): Principal | undefined => principalOf(deps.parties, req);
  const unauthorized = unauthorizedResponse;

  const postBericht = async (req: HttpRequest): Promise<HttpResponse> => {
    const t0 = performance.now();
    const refuse = (res: HttpResponse, why: string): HttpResponse => {
      const seconds = (performance.now() - t0) / 1000;
      metrics.berichten.inc({ standard: 'unknown', bericht: 'unknown', outcome: why });
      metrics.ingestSeconds.observe(seconds, { outcome: 'refused' });
      logger.info(
        { event: 'bericht', outcome: 'refused', problem: why, status: res.status, latencyMs: Math.round(seconds * 1e4) / 10 },
        'bericht refused',
      );
      return res;
    };
    const principal = who(req);
    if (!principal) return refuse(unauthorized(req), 'unauthorized');
    if (!isXmlContentType(req.headers['content-type'])) {
      return refuse(
        problemOf(ProblemType.UNSUPPORTED_MEDIA_TYPE, `got '${req.headers['content-type'] ?? '(none)'}'`),
        'unsupported-media-type',
      );
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) return refuse(problemOf(ProblemType.PAYLOAD_TOO_LARGE, `${declared} bytes`), 'payload-too-large');
    let raw: Uint8Array;
    try {
      raw = await req.readBody(MAX_BODY_BYTES);
    } catch (err) {
      // Too large, no room in the budget for bodies in flight (503), too slow (408), or the client left.
      const refused = bodyErrorResponse(err);
      if (!refused) throw err;
      const why =
        err instanceof BodyBusyError
          ? 'unavailable'
          : err instanceof BodyTimeoutError
            ? 'request-timeout'
            : err instanceof BodyAbortedError
              ? 'aborted'
              : 'payload-too-large';
      return refuse(refused, why);
    }
    const out = await deps.ingest(raw, principal, req.receivedAt);
    if (out.kind === 'l1-invalid') {
      const kind = l1ProblemKind(out.issues);
      return refuse(
        problemResponse(problem(kind, `${out.issues.length} issue(s); the bericht was not stored`, { issues: out.issues })),
        kind.type.split(':').pop()!,
      );
    }
    if (out.kind === 'forbidden-sender') return refuse(problemOf(ProblemType.FORBIDDEN_SENDER, out.detail), 'forbidden-sender');

    const r = out.receipt;
    const seconds = (performance.now() - t0) / 1000;
    metrics.berichten.inc({ standard: r.standard, bericht: r.bericht, outcome: out.replay ? 'replay' : r.status });
    // Decision metrics are counted where the pipeline is composed (app.ts), for HTTP and Kafka ingress alike.
    metrics.ingestSeconds.observe(seconds, { outcome: r.status });
    logger.info(
      {
        event: 'bericht',
        outcome: r.status,
        id: r.id,
        standard: r.standard,
        bericht: r.bericht,
        afzender: out.header.afzender,
        ontvanger: out.header.ontvanger,
        sender: out.sender,
        addressee: r.decision?.addressee ?? null,
        decision: r.decision?.action ?? null,
        rules: r.decision ? r.decision.reasons.map((x) => x.rule) : [...new Set(r.issues.map((i) => i.rule ?? i.code))],
        replay: out.replay,
        latencyMs: Math.round(seconds * 1e4) / 10,
      },
      'bericht',
    );
    const headers: Record<string, string> = { location: `/api/v1/berichten/${r.id}` };
    if (out.replay) headers['sluis-idempotent-replay'] = 'true';
    const accept = req.headers['accept'] ?? '';
    if (r.retour && /application\/xml|text\/xml/.test(accept) && !/application\/json/.test(accept)) {
      return { status: 202, headers: { ...headers, 'content-type': 'application/xml', 'sluis-bericht-id': r.id }, body: r.retour };
    }
    return json(
      202,
      {
        ...r,
        links: {
          self: `/api/v1/berichten/${r.id}`,
          xml: `/api/v1/berichten/${r.id}/xml`,
          ...(r.retour ? { retour: `/api/v1/berichten/${r.id}/retour` } : {}),
        },
      },
      headers,
    );
  };

  const search = async (req: HttpRequest): Promise<HttpResponse> => {
    const principal = who(req);
    if (!principal) return unauthorized(req);
    const parsed = berichtenFilter(req.query, berichten.isId);
    if (!parsed.ok) return problemOf(ProblemType.BAD_REQUEST, parsed.problem);
    const limit = parsed.filter.limit;
    const rows = await berichten.list(
      { ...parsed.filter, ...(principal.kind === 'party' ? { party: principal.party.code } : {}) },
      { actor: principal, route: 'api' },
    );
    const last = rows.at(-1);
    return json(200, {
      items: rows.map((row) => ({
        id: row.id,
        receivedAt: iso(row.received_at),
        standard: row.standard,
        bericht: row.bericht,
        afzender: row.afzender,
        ontvanger: row.ontvanger,
        sender: row.sender,
        addressee: row.addressee,
        identificatie: row.identificatie,
        status: row.status,
        decision: row.decision ? { action: (row.decision as { action?: string }).action ?? null } : null,
        links: { self: `/api/v1/berichten/${row.id}` },
      })),
      next: last && rows.length === limit ? last.id : null,
    });
  };

  const loadReadable = async (
    req: HttpRequest,
    id: string,
    lezing: 'bericht' | 'xml' | 'retour',
  ): Promise<{ row: GelezenBericht } | { res: HttpResponse }> => {
    const principal = who(req);
    if (!principal) return { res: unauthorized(req) };
    if (!berichten.isId(id)) return { res: problemOf(ProblemType.NOT_FOUND, 'no such bericht') };
    // Recorded in the access log (decision 0033) when it exists and this principal may read it.
    const read = await berichten.get(id, { actor: principal, route: 'api' }, lezing);
    if (!read) return { res: problemOf(ProblemType.NOT_FOUND, 'no such bericht') };
    if (read.kind === 'geweigerd')
      return { res: problemOf(ProblemType.FORBIDDEN, 'this bericht was neither sent by nor routed to this party') };
    if (read.kind === 'geen-retour')
      return {
        res: problemOf(
          ProblemType.NOT_FOUND,
          'Sluis made no retourbericht for this bericht (it was not rejected, or its message has no retour)',
        ),
      };
    return { row: read.row };
  };

  const getOne = async (req: HttpRequest, params: Readonly<Record<string, string>>): Promise<HttpResponse> => {
    const r = await loadReadable(req, params.id!, 'bericht');
    if ('res' in r) return r.res;
    const row = r.row;
    const history = await berichten.history(row.id);
    const gekoppeld = deps.termijnen ? await linked(who(req)!, row, deps.termijnen) : undefined;
    return json(200, {
      id: row.id,
      standard: row.standard,
      bericht: row.bericht,
      berichtCode: row.bericht_code,
      afzender: row.afzender,
      ontvanger: row.ontvanger,
      sender: row.sender,
      ...(row.submitted_by ? { submittedBy: row.submitted_by } : {}),
      addressee: row.addressee,
      identificatie: row.identificatie,
      receivedAt: iso(row.received_at),
      sha256: row.sha256,
      status: row.status,
      history: history.map((h) => ({ status: h.status, at: iso(h.at), ...(h.detail ? { detail: h.detail } : {}) })),
      decision: row.decision ?? null,
      issues: row.issues ?? [],
      ...(row.duplicate_of ? { duplicateOf: row.duplicate_of } : {}),
      ...(row.imported_at ? { importedAt: iso(row.imported_at) } : {}),
      ...(gekoppeld ? { gekoppeld } : {}),
      links: {
        self: `/api/v1/berichten/${row.id}`,
        xml: `/api/v1/berichten/${row.id}/xml`,
        ...(row.retour_xml ? { retour: `/api/v1/berichten/${row.id}/retour` } : {}),
      },
    });
  };

  const getXml = async (req: HttpRequest, params: Readonly<Record<string, string>>): Promise<HttpResponse> => {
    const r = await loadReadable(req, params.id!, 'xml');
    if ('res' in r) return r.res;
    const raw = await berichten.raw(r.row);
    return { status: 200, headers: { 'content-type': 'application/xml' }, body: raw ?? new Uint8Array() };
  };

  const getRetour = async (req: HttpRequest, params: Readonly<Record<string, string>>): Promise<HttpResponse> => {
    const r = await loadReadable(req, params.id!, 'retour');
    if ('res' in r) return r.res;
    return { status: 200, headers: { 'content-type': 'application/xml' }, body: r.row.retour_xml ?? '' };
  };

  const postbus = async (req: HttpRequest): Promise<HttpResponse> => {
    const principal = who(req);
    if (!principal) return unauthorized(req);
    if (principal.kind !== 'party') return problemOf(ProblemType.FORBIDDEN, 'operators have no postbus');
    let after = 0n;
    const a = req.query.get('after');
    if (a !== null && a !== '') {
      const d = decodeCursor(a);
      if (d === undefined) return problemOf(ProblemType.BAD_REQUEST, 'after: not a cursor this API gave out');
      after = d;
    }
    const l = req.query.get('limit');
    const limit = l === null ? 100 : parseWholeNumber(l, 1, 1000);
    if (limit === undefined) return problemOf(ProblemType.BAD_REQUEST, 'limit: an integer 1–1000');
    const items = await berichten.postbus(principal.party.code, after, limit);
    const last = items.at(-1);
    return json(200, {
      items: items.map((i) => ({
        id: i.bericht_id,
        kind: i.kind,
        standard: i.standard,
        bericht: i.bericht,
        afzender: i.afzender,
        ontvanger: i.ontvanger,
        sender: i.sender,
        identificatie: i.identificatie,
        availableAt: iso(i.created_at),
        cursor: encodeCursor(i.seq),
        links: {
          self: `/api/v1/berichten/${i.bericht_id}`,
          xml: i.kind === 'retour' ? `/api/v1/berichten/${i.bericht_id}/retour` : `/api/v1/berichten/${i.bericht_id}/xml`,
          ontvangst: `/api/v1/postbus/${i.bericht_id}/ontvangst`,
        },
      })),
      next: last && items.length === limit ? encodeCursor(last.seq) : null,
    });
  };

  const ontvangst = async (req: HttpRequest, params: Readonly<Record<string, string>>): Promise<HttpResponse> => {
    const principal = who(req);
    if (!principal) return unauthorized(req);
    if (principal.kind !== 'party') return problemOf(ProblemType.FORBIDDEN, 'operators have no postbus');
    const id = params.id!;
    if (!berichten.isId(id)) return problemOf(ProblemType.NOT_FOUND, 'not in this postbus');
    const r = await berichten.confirm(principal.party.code, id);
    if (r === 'not-found') return problemOf(ProblemType.NOT_FOUND, 'not in this postbus');
    return json(200, { id, confirmed: true, alreadyConfirmed: r === 'already-confirmed' });
  };

  return [
    { method: 'POST', path: '/api/v1/berichten', handler: postBericht },
    {
      method: 'GET',
      path: '/api/v1/berichten',
      query: BERICHTEN_QUERY,
      handler: search,
    },
    { method: 'GET', path: '/api/v1/berichten/{id}', handler: getOne },
    { method: 'GET', path: '/api/v1/berichten/{id}/xml', handler: getXml },
    { method: 'GET', path: '/api/v1/berichten/{id}/retour', handler: getRetour },
    { method: 'GET', path: '/api/v1/postbus', query: ['after', 'limit'], handler: postbus },
    { method: 'POST', path: '/api/v1/postbus/{id}/ontvangst', handler: ontvangst },
    { method: 'GET', path: '/api/v1/openapi.json', handler: async () => json(200, deps.openapi()) },
    { method: 'GET', path: '/health/live', handler: async () => json(200, { status: 'up' }) },
    {
      method: 'GET',
      path: '/health/ready',
      handler: async () => {
        if (!deps.isReady())
          return json(503, { status: 'down', reason: 'starting, stopping, or an attached component (Kafka) unreachable' });
        try {
          await berichten.ping();
        } catch {
          return json(503, { status: 'down', reason: 'store unreachable' });
        }
        return json(200, { status: 'up' });
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handler: async () => ({
        status: 200,
        headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
        body: await metrics.render(deps.gauges),
      }),
    },
  ];
}
