/**
 * Who is calling: the one principal lookup every route uses (REST, and any other ingress mounted on
 * the router), so an API key and a client certificate mean the same everywhere. An Authorization
 * header, when sent, decides (a wrong key is refused even over a known certificate); without one, a
 * client certificate the TLS layer verified against SLUIS_TLS_CLIENT_CA is looked up in the parties
 * config (decision 0028).
 */
import { authenticateRequest, type PartiesConfig, type Principal } from '../config/parties.js';
import { ProblemType, problem } from '../outcomes.js';
import { problemResponse, type HttpRequest, type HttpResponse } from './router.js';

export function principalOf(parties: PartiesConfig, req: Pick<HttpRequest, 'headers' | 'clientCertificate'>): Principal | undefined {
  return authenticateRequest(parties, {
    authorization: req.headers['authorization'],
    ...(req.clientCertificate ? { certificate: req.clientCertificate } : {}),
  });
}

/** 401 problem+json saying what was missing or not known. */
export function unauthorizedResponse(req: Pick<HttpRequest, 'headers' | 'clientCertificate' | 'clientCertificateRefused'>): HttpResponse {
  const detail = req.headers['authorization']
    ? 'the API key is not known'
    : req.clientCertificate
      ? 'the client certificate is not configured for any party'
      : req.clientCertificateRefused
        ? `the client certificate did not verify against the CA bundle (${req.clientCertificateRefused})`
        : 'send Authorization: Bearer <api key> (or a client certificate over TLS)';
  return problemResponse(problem(ProblemType.UNAUTHORIZED, detail), { 'www-authenticate': 'Bearer realm="sluis"' });
}
