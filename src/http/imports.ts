/**
 * `POST /api/v1/imports`, for operators only: a zip archive of historical berichten (every `.xml`
 * entry) taken in through the gateway's pipeline without delivery; the answer is the import report
 * (counts per status, per gemeente–aanbieder pair its new state horizon). The transport only: the
 * import itself is the composition root's (src/app/import.ts), handed in as a function. The same as
 * `sluis import`, for a gateway whose PGlite data folder a CLI cannot open while it runs.
 */
import type { Logger } from 'pino';
import type { PartiesConfig } from '../config/parties.js';
import { principalOf, unauthorizedResponse } from './auth.js';
import { ProblemType } from '../outcomes.js';
import { BodyTooLargeError, json, problemOf, type HttpRequest, type HttpResponse, type Route } from './router.js';

/** The largest archive taken over HTTP; larger histories go through `sluis import`. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** The import as the route sees it: the archive's bytes and the operator → a report, or why the archive is unreadable. */
export type ImportZipFn = (
  zip: Uint8Array,
  operator: string,
) => Promise<{ readonly ok: true; readonly report: { readonly counts: unknown } } | { readonly ok: false; readonly message: string }>;

export interface ImportsRouteDeps {
  readonly parties: PartiesConfig;
  readonly logger: Logger;
  readonly importZip: ImportZipFn;
}

export function importsRoutes(deps: ImportsRouteDeps): Route[] {
  const post = async (req: HttpRequest): Promise<HttpResponse> => {
    const principal = principalOf(deps.parties, req);
    if (!principal) {
      return unauthorizedResponse(req);
    }
    if (principal.kind !== 'operator') return problemOf(ProblemType.FORBIDDEN, 'only operators may import historical berichten');
    const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (ct !== 'application/zip')
      return problemOf(
        ProblemType.UNSUPPORTED_MEDIA_TYPE,
        `imports take application/zip; got '${req.headers['content-type'] ?? '(none)'}'`,
      );
    let body: Uint8Array;
    try {
      body = await req.readBody(MAX_IMPORT_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLargeError)
        return problemOf(ProblemType.PAYLOAD_TOO_LARGE, `more than ${MAX_IMPORT_BYTES} bytes: use sluis import for larger histories`);
      throw err;
    }
    const r = await deps.importZip(body, principal.name);
    if (!r.ok) return problemOf(ProblemType.BAD_REQUEST, r.message);
    deps.logger.info({ event: 'import', operator: principal.name, counts: r.report.counts }, 'import over HTTP');
    return json(200, r.report);
  };
  return [{ method: 'POST', path: '/api/v1/imports', handler: post }];
}
