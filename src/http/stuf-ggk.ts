/**
 * The StUF-GGk ingress (docs/stuf-ggk.md): `POST /stuf-ggk/OntvangAsynchroon`, the `OntvangAsynchroon`
 * port of the ggk0310 WSDL over SOAP 1.1. A back office sends a heenbericht as Di01 (or a
 * retourbericht as Du01); Sluis checks the envelope against the ggk0310 XSDs and its stuurgegevens,
 * decodes the bericht and hands it to the same pipeline as `POST /api/v1/berichten`. The answer is
 * `Bv03` when the bericht was taken in (journaled: routed, or rejected with a retourbericht that
 * follows as a Du01), else a SOAP Fault whose detail is a StUF `Fo01` (the codes: Fo01Code).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { PartiesConfig, Principal } from '../config/parties.js';
import { principalOf } from './auth.js';
import type { IngestOutcome } from '../pipeline/ingest.js';
import type { StufReferentieService } from '../pipeline/stuf-ggk.js';
import {
  Fo01Code,
  GgkSoapAction,
  SLUIS_APPLICATIE,
  buildBv03,
  buildFo01,
  isStufUuid,
  soapEnvelope,
  soapFault,
  stufTijdstip,
  type GgkEnvelope,
  type StufSysteem,
} from '../standard/stuf-ggk.js';
import { L1Code } from '../validation/issues.js';
import { messageOfFunctie, messageOfPayload, parseGgkSoapRequest } from '../validation/stuf-ggk.js';
import { isXmlContentType, MAX_BODY_BYTES } from './api.js';
import type { GatewayMetrics } from './metrics.js';
import {
  BodyAbortedError,
  BodyBusyError,
  BodyTimeoutError,
  BodyTooLargeError,
  CLIENT_CLOSED_STATUS,
  type HttpRequest,
  type HttpResponse,
  type Route,
} from './router.js';

/** The route's path: the WSDL's port `OntvangAsynchroon` under `/stuf-ggk`. */
export const STUF_GGK_PATH = '/stuf-ggk/OntvangAsynchroon';

export interface StufGgkDeps {
  readonly parties: PartiesConfig;
  readonly ingest: (raw: Uint8Array, principal: Principal, receivedAt: Date) => Promise<IngestOutcome>;
  readonly referenties: StufReferentieService;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Who sent the request. Default: as every route reads it (src/http/auth.ts: API key, or client certificate over TLS). */
  readonly authenticate?: (req: HttpRequest) => Principal | undefined;
}

/** The caller as the REST API knows it: the API key, or the client certificate mapped to a party (the chain's way). */
export function stufParty(parties: PartiesConfig, req: HttpRequest): Principal | undefined {
  return principalOf(parties, req);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UNKNOWN: StufSysteem = { applicatie: 'onbekend' };

/** The SOAPAction header without its quotes; '' when absent or empty (SOAP 1.1 allows both). */
function soapAction(req: HttpRequest): string {
  return (req.headers['soapaction'] ?? '').trim().replace(/^"(.*)"$/, '$1');
}

export function stufGgkRoutes(deps: StufGgkDeps): Route[] {
  const who = deps.authenticate ?? ((req: HttpRequest) => stufParty(deps.parties, req));

  const handler = async (req: HttpRequest): Promise<HttpResponse> => {
    const t0 = performance.now();
    // What the answer's stuurgegevens need: who it answers (the envelope's zender, as far as read).
    let answered: { zender?: StufSysteem; ontvanger?: StufSysteem; referentienummer?: string } = {};
    const stuurgegevens = () => ({
      zender: answered.ontvanger?.organisatie !== undefined ? answered.ontvanger : { applicatie: SLUIS_APPLICATIE },
      ontvanger: answered.zender ?? UNKNOWN,
      referentienummer: randomUUID(),
      tijdstipBericht: stufTijdstip(new Date()),
      crossRefnummer: answered.referentienummer !== undefined && answered.referentienummer.length <= 40 ? answered.referentienummer : '',
    });
    const log = (outcome: string, extra: Record<string, unknown>): void => {
      const seconds = (performance.now() - t0) / 1000;
      deps.metrics.ingestSeconds.observe(seconds, { outcome: outcome === 'Bv03' ? 'stuf-ggk' : 'refused' });
      deps.logger.info(
        { event: 'stuf-ggk', outcome, ...extra, latencyMs: Math.round(seconds * 1e4) / 10 },
        outcome === 'Bv03' ? 'envelope taken in' : 'envelope refused',
      );
    };
    const fo01 = (fout: Fo01Code, details?: string): HttpResponse => {
      deps.metrics.berichten.inc({ standard: 'unknown', bericht: 'unknown', outcome: `stuf-ggk-${fout.code}` });
      log(fout.code, { ...(details ? { detail: details } : {}) });
      return {
        status: fout.status,
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          ...(fout.status === 401 ? { 'www-authenticate': 'Bearer realm="sluis"' } : {}),
        },
        body: soapFault(buildFo01(stuurgegevens(), fout, details), fout),
      };
    };

    const principal = who(req);
    if (!principal) return fo01(Fo01Code.SLS401, req.headers['authorization'] ? 'the API key is not known' : undefined);
    if (!isXmlContentType(req.headers['content-type'])) return fo01(Fo01Code.SLS415, `got ${req.headers['content-type'] ?? '(none)'}`);
    const action = soapAction(req);
    if (action !== '' && action !== GgkSoapAction.ggk_Di01 && action !== GgkSoapAction.ggk_Du01)
      return fo01(Fo01Code.IB004, 'Sluis takes the operations ggk_Di01 and ggk_Du01');
    if (Number(req.headers['content-length'] ?? '0') > MAX_BODY_BYTES) return fo01(Fo01Code.IB003);
    let bytes: Uint8Array;
    try {
      bytes = await req.readBody(MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return fo01(Fo01Code.IB003);
      if (err instanceof BodyBusyError) return fo01(Fo01Code.SLS503, `retry after ${err.retryAfterSeconds} s`);
      if (err instanceof BodyTimeoutError) return fo01(Fo01Code.SLS408, err.message);
      if (err instanceof BodyAbortedError) return { status: CLIENT_CLOSED_STATUS };
      throw err;
    }
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      return fo01(Fo01Code.SLS423, 'the envelope starts with a byte order mark');
    let text: string;
    try {
      text = UTF8.decode(bytes);
    } catch {
      return fo01(Fo01Code.IB001, 'the envelope is not UTF-8');
    }
    const parsed = parseGgkSoapRequest(text);
    if (!parsed.ok) {
      answered = parsed.partial ?? {};
      return fo01(Fo01Code.IB001, parsed.detail);
    }
    const env: GgkEnvelope = parsed.envelope;
    answered = env;
    if (action !== '' && action !== GgkSoapAction[`ggk_${env.berichtcode}`])
      return fo01(Fo01Code.IB004, `a ${env.berichtcode} envelope sent with the SOAPAction of another operation`);
    if (!isStufUuid(env.referentienummer)) return fo01(Fo01Code.IB009, 'stuurgegevens/referentienummer is not a UUID');
    if (env.crossRefnummer !== undefined && !isStufUuid(env.crossRefnummer))
      return fo01(Fo01Code.IB009, 'stuurgegevens/crossRefnummer is not a UUID');
    // A gemeentecode in the envelope that Sluis does not know (the chain's IB005); other organisaties (CAK, GGk, …) are not Sluis's to check.
    for (const [k, s] of [
      ['zender', env.zender],
      ['ontvanger', env.ontvanger],
    ] as const)
      if (/^[0-9]{4}$/.test(s.organisatie ?? '') && !deps.parties.parties.has(s.organisatie!))
        return fo01(Fo01Code.IB005, `stuurgegevens/${k}/organisatie is not a gemeente known to Sluis`);
    if (principal.kind !== 'party') return fo01(Fo01Code.SLS403, 'an operator key cannot send berichten');
    if (env.zender.organisatie !== principal.party.code)
      return fo01(Fo01Code.SLS403, 'stuurgegevens/zender/organisatie is not the authenticated party');
    const message = messageOfFunctie(env.functie);
    if (!message) return fo01(Fo01Code.IB004, 'the functie names no iWmo/iJw 3.2 message (e.g. WMO301, JW302)');
    const payload = Buffer.from(env.bericht.base64, 'base64');
    const claimed = messageOfPayload(payload.subarray(0, 64 * 1024).toString('utf8'));
    if (claimed && claimed.id !== message.id) return fo01(Fo01Code.SLS422, `the functie is ${message.id}, the bericht is a ${claimed.id}`);
    const sha256 = createHash('sha256').update(payload).digest('hex');
    const before = await deps.referenties.get(env.referentienummer);
    if (before && (before.sha256 !== sha256 || before.zender !== principal.party.code))
      return fo01(Fo01Code.IB016, 'this referentienummer was used before for another bericht');

    const out = await deps.ingest(payload, principal, req.receivedAt);
    if (out.kind === 'l1-invalid') {
      const bom = out.issues.some((i) => i.code === L1Code.ENCODING);
      const details = out.issues
        .slice(0, 10)
        .map((i) => `${i.code} ${i.path}: ${i.message}`)
        .join('; ');
      return fo01(bom ? Fo01Code.SLS423 : Fo01Code.IB014, `${out.issues.length} issue(s); the bericht was not stored. ${details}`);
    }
    if (out.kind === 'forbidden-sender') return fo01(Fo01Code.SLS404, out.detail);
    const r = out.receipt;
    const held = await deps.referenties.record({
      referentienummer: env.referentienummer,
      zender: principal.party.code,
      bericht_id: r.id,
      sha256,
    });
    if (held.bericht_id !== r.id) return fo01(Fo01Code.IB016, 'this referentienummer was used before for another bericht');
    deps.metrics.berichten.inc({ standard: r.standard, bericht: r.bericht, outcome: out.replay ? 'replay' : r.status });
    log('Bv03', { id: r.id, bericht: r.bericht, status: r.status, replay: out.replay, sender: principal.party.code });
    return {
      status: 200,
      headers: { 'content-type': 'text/xml; charset=utf-8', 'sluis-bericht-id': r.id, location: `/api/v1/berichten/${r.id}` },
      body: soapEnvelope(buildBv03(stuurgegevens())),
    };
  };

  return [{ method: 'POST', path: STUF_GGK_PATH, handler }];
}
