/**
 * `POST /api/v1/batches` and the batch resource: several berichten posted at once, as a zip archive
 * (VECOZO's rules for a zipped upload: files only, no folders, no password; size limits) or as
 * multipart/form-data; each file goes through the same pipeline as `POST /api/v1/berichten` and gets
 * its own outcome. `GET /api/v1/batches/{id}` lists the files' outcomes, their retourberichten download
 * one at a time (`/retouren/{index}`) or all together (`/retouren.zip`), each with Content-Disposition.
 * A batch is visible to the party that posted it and to operators. The transport only: checking an
 * archive and running the files is the composition root's (src/app/batches.ts), handed in as BatchesApi.
 */
import type { Logger } from 'pino';
import type { PartiesConfig, Principal } from '../config/parties.js';
import { ProblemType, problem, type Problem } from '../outcomes.js';
import { MAX_BODY_BYTES } from './api.js';
import { principalOf, unauthorizedResponse } from './auth.js';
import { MultipartError, multipartBoundary, parseMultipart } from './multipart.js';
import { BodyTooLargeError, json, problemOf, problemResponse, type HttpRequest, type HttpResponse, type Route } from './router.js';

/** The largest batch body (zip or multipart); each file at most MAX_BODY_BYTES (25 MB), as a single bericht. */
export const MAX_BATCH_BYTES = 100 * 1024 * 1024;
/** All files of a batch together, uncompressed. */
export const MAX_BATCH_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
/** Files in one batch. */
export const MAX_BATCH_FILES = 1000;

/** One file of a batch before it goes in: its name as posted and its bytes (read when its turn comes). */
export interface BatchInput {
  readonly name: string;
  readonly size: number;
  bytes(): Uint8Array;
}

/** A stored batch as the routes render it. */
export interface BatchRecord {
  readonly id: string;
  readonly receivedAt: string;
  readonly submittedBy: string;
  readonly source: 'zip' | 'multipart';
  readonly counts: { readonly files: number; readonly accepted: number; readonly rejected: number };
  readonly files: readonly {
    readonly index: number;
    readonly name: string;
    readonly outcome: 'accepted' | 'rejected';
    readonly berichtId: string | null;
    readonly bericht: string | null;
    /** The bericht's status now (it moves on: klaargezet → afgeleverd); null when it was never journaled. */
    readonly status: string | null;
    /** Why a file was refused before the journal (not well-formed, not XSD-valid, not the sender's). */
    readonly problem: Problem | null;
    readonly issues: readonly unknown[];
    readonly retour: boolean;
  }[];
}

export interface BatchesApi {
  /** Whether `text` has the shape of a batch id. */
  isId(text: string): boolean;
  /** Checks a zip archive against the batch rules: its files, or the problem that refuses the whole archive. */
  openZip(
    zip: Uint8Array,
  ): { readonly ok: true; readonly files: readonly BatchInput[] } | { readonly ok: false; readonly problem: Problem };
  /** Runs every file through the pipeline in order and stores the batch. */
  submit(files: readonly BatchInput[], party: Principal, receivedAt: Date, source: 'zip' | 'multipart'): Promise<BatchRecord>;
  get(id: string): Promise<BatchRecord | undefined>;
  /** The retourberichten Sluis made for the batch's files (all, or the one at `index`), with the file names they answer. */
  retouren(id: string, index?: number): Promise<readonly { readonly index: number; readonly name: string; readonly xml: string }[]>;
  /** A zip archive of files. */
  zip(files: readonly { readonly name: string; readonly bytes: Uint8Array }[]): Uint8Array;
}

export interface BatchesRouteDeps {
  readonly parties: PartiesConfig;
  readonly logger: Logger;
  readonly batches: BatchesApi;
}

/** The name a file's retourbericht downloads under: the file's own name, `.xml` replaced by `.retour.xml`. */
export function retourFileName(name: string): string {
  return `${name.replace(/\.xml$/i, '')}.retour.xml`;
}

/** `attachment` with an ASCII fallback name and the exact one in RFC 8187 encoding. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! as they are; RFC 8187's attr-char does not allow the first four.
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

function render(b: BatchRecord): Record<string, unknown> {
  const self = `/api/v1/batches/${b.id}`;
  return {
    id: b.id,
    receivedAt: b.receivedAt,
    submittedBy: b.submittedBy,
    source: b.source,
    counts: b.counts,
    files: b.files.map((f) => ({
      index: f.index,
      name: f.name,
      outcome: f.outcome,
      berichtId: f.berichtId,
      bericht: f.bericht,
      status: f.status,
      ...(f.problem ? { problem: f.problem } : {}),
      issues: f.issues,
      links: {
        ...(f.berichtId ? { bericht: `/api/v1/berichten/${f.berichtId}` } : {}),
        ...(f.retour ? { retour: `${self}/retouren/${f.index}` } : {}),
      },
    })),
    links: { self, retouren: `${self}/retouren.zip` },
  };
}

/** Multipart files as batch inputs; a problem for a body that breaks the batch rules. */
function multipartInputs(body: Uint8Array, boundary: string): { ok: true; files: BatchInput[] } | { ok: false; problem: Problem } {
  let parts;
  try {
    parts = parseMultipart(body, boundary);
  } catch (err) {
    if (err instanceof MultipartError) return { ok: false, problem: problem(ProblemType.BATCH_UNREADABLE, err.message) };
    throw err;
  }
  if (parts.length === 0) return { ok: false, problem: problem(ProblemType.BATCH_EMPTY, 'no part with a filename') };
  if (parts.length > MAX_BATCH_FILES)
    return { ok: false, problem: problem(ProblemType.BATCH_TOO_LARGE, `${parts.length} files: at most ${MAX_BATCH_FILES} in one batch`) };
  const names = new Set<string>();
  for (const p of parts) {
    if (p.filename === '') return { ok: false, problem: problem(ProblemType.BATCH_UNREADABLE, 'a file part with an empty filename') };
    if (/[/\\]/.test(p.filename))
      return { ok: false, problem: problem(ProblemType.BATCH_FOLDERS, `${p.filename}: a file name without folders, please`) };
    if (names.has(p.filename)) return { ok: false, problem: problem(ProblemType.BATCH_UNREADABLE, `${p.filename}: the name occurs twice`) };
    names.add(p.filename);
    if (p.bytes.length > MAX_BODY_BYTES)
      return {
        ok: false,
        problem: problem(ProblemType.BATCH_TOO_LARGE, `${p.filename}: ${p.bytes.length} bytes, a file may have at most ${MAX_BODY_BYTES}`),
      };
  }
  return { ok: true, files: parts.map((p) => ({ name: p.filename, size: p.bytes.length, bytes: () => p.bytes })) };
}

export function batchesRoutes(deps: BatchesRouteDeps): Route[] {
  const { batches } = deps;

  const post = async (req: HttpRequest): Promise<HttpResponse> => {
    const principal = principalOf(deps.parties, req);
    if (!principal) return unauthorizedResponse(req);
    if (principal.kind !== 'party')
      return problemOf(ProblemType.FORBIDDEN, 'operators read berichten; only a gemeente or aanbieder can send a batch');
    const ct = req.headers['content-type'];
    const type = (ct ?? '').split(';')[0]!.trim().toLowerCase();
    const boundary = multipartBoundary(ct);
    const isZip = type === 'application/zip' || type === 'application/x-zip-compressed';
    if (!isZip && boundary === undefined)
      return problemOf(
        ProblemType.UNSUPPORTED_MEDIA_TYPE,
        `a batch is application/zip or multipart/form-data with a boundary; got '${ct ?? '(none)'}'`,
      );
    let body: Uint8Array;
    try {
      body = await req.readBody(MAX_BATCH_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLargeError)
        return problemOf(ProblemType.BATCH_TOO_LARGE, `more than ${MAX_BATCH_BYTES} bytes in one batch: split it`);
      throw err;
    }
    const opened = isZip ? batches.openZip(body) : multipartInputs(body, boundary!);
    if (!opened.ok) {
      deps.logger.info({ event: 'batch', outcome: 'refused', problem: opened.problem.type, party: principal.party.code }, 'batch refused');
      return problemResponse(opened.problem);
    }
    const t0 = performance.now();
    const b = await batches.submit(opened.files, principal, req.receivedAt, isZip ? 'zip' : 'multipart');
    deps.logger.info(
      { event: 'batch', outcome: 'stored', id: b.id, party: principal.party.code, ...b.counts, ms: Math.round(performance.now() - t0) },
      'batch',
    );
    return json(201, render(b), { location: `/api/v1/batches/${b.id}` });
  };

  /** The batch, when the caller may see it (the party that posted it, operators). */
  const load = async (req: HttpRequest, id: string): Promise<{ batch: BatchRecord } | { res: HttpResponse }> => {
    const principal = principalOf(deps.parties, req);
    if (!principal) return { res: unauthorizedResponse(req) };
    const b = batches.isId(id) ? await batches.get(id) : undefined;
    if (!b) return { res: problemOf(ProblemType.NOT_FOUND, 'no such batch') };
    if (principal.kind === 'party' && principal.party.code !== b.submittedBy)
      return { res: problemOf(ProblemType.FORBIDDEN, 'this batch was posted by another party') };
    return { batch: b };
  };

  const getOne = async (req: HttpRequest, params: Readonly<Record<string, string>>): Promise<HttpResponse> => {
    const r = await load(req, params.id!);
    return 'res' in r ? r.res : json(200, render(r.batch));
  };

  const getRetour = async (req: HttpRequest, params: Readonly<Record<string, string>>): Promise<HttpResponse> => {
    const r = await load(req, params.id!);
    if ('res' in r) return r.res;
    const index = /^[0-9]{1,6}$/.test(params.index!) ? Number(params.index) : undefined;
    const found = index === undefined ? [] : await batches.retouren(r.batch.id, index);
    const one = found[0];
    if (!one) return problemOf(ProblemType.NOT_FOUND, 'no file with this index has a retourbericht made by Sluis');
    return {
      status: 200,
      headers: { 'content-type': 'application/xml', 'content-disposition': contentDisposition(retourFileName(one.name)) },
      body: one.xml,
    };
  };

  const getZip = async (req: HttpRequest, params: Readonly<Record<string, string>>): Promise<HttpResponse> => {
    const r = await load(req, params.id!);
    if ('res' in r) return r.res;
    const all = await batches.retouren(r.batch.id);
    const zip = batches.zip(all.map((x) => ({ name: retourFileName(x.name), bytes: Buffer.from(x.xml, 'utf8') })));
    return {
      status: 200,
      headers: { 'content-type': 'application/zip', 'content-disposition': contentDisposition(`batch-${r.batch.id}-retouren.zip`) },
      body: zip,
    };
  };

  return [
    { method: 'POST', path: '/api/v1/batches', handler: post },
    { method: 'GET', path: '/api/v1/batches/{id}', handler: getOne },
    { method: 'GET', path: '/api/v1/batches/{id}/retouren/{index}', handler: getRetour },
    { method: 'GET', path: '/api/v1/batches/{id}/retouren.zip', handler: getZip },
  ];
}
