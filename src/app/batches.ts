/**
 * Batches (src/http/batches.ts): the archive checked against the batch rules before a file goes in,
 * then every file through the one ingest pipeline, in the batch's order and one at a time (so one
 * client's berichten in a batch are decided in the order they were put in it, and one file's bytes are
 * in memory at a time), then the batch and its files' outcomes stored in one transaction.
 *
 * A crash half-way leaves the journaled files without their batch; posting the batch again is safe:
 * each file already taken in answers as it did the first time (the journal's idempotency), the others
 * go in now.
 */
import type { Principal } from '../config/parties.js';
import { ProblemType, l1ProblemKind, problem, type Problem } from '../outcomes.js';
import type { IngestFn } from '../pipeline/ingest.js';
import { BerichtStatus } from '../status.js';
import type { Db } from '../store/db.js';
import { ID_PATTERN, newId } from '../store/ids.js';
import { getBatch } from '../store/batch/get.js';
import { insertBatch } from '../store/batch/insert.js';
import type { BatchFileRow, BatchFileWrite } from '../store/batch/types.js';
import { listBatchFiles } from '../store/batch-file/list.js';
import { batchRetouren } from '../store/batch-file/retouren.js';
import { MAX_BODY_BYTES } from '../http/api.js';
import { MAX_BATCH_FILES, MAX_BATCH_UNCOMPRESSED_BYTES, type BatchesApi, type BatchInput, type BatchRecord } from '../http/batches.js';
import { openBatchZip, writeZip, ZipError } from './zip.js';

const ZIP_PROBLEM = {
  unreadable: ProblemType.BATCH_UNREADABLE,
  folders: ProblemType.BATCH_FOLDERS,
  encrypted: ProblemType.BATCH_ENCRYPTED,
  'too-large': ProblemType.BATCH_TOO_LARGE,
  empty: ProblemType.BATCH_EMPTY,
} as const;

/** One file's outcome from the pipeline's. */
async function runFile(ingest: IngestFn, f: BatchInput, idx: number, principal: Principal, receivedAt: Date): Promise<BatchFileWrite> {
  const out = await ingest(f.bytes(), principal, receivedAt);
  const base = { idx, name: f.name };
  if (out.kind === 'l1-invalid') {
    const kind = l1ProblemKind(out.issues);
    return {
      ...base,
      outcome: 'rejected',
      berichtId: null,
      bericht: null,
      problem: problem(kind, `${out.issues.length} issue(s); the bericht was not stored`),
      issues: out.issues,
    };
  }
  if (out.kind === 'forbidden-sender')
    return {
      ...base,
      outcome: 'rejected',
      berichtId: null,
      bericht: null,
      problem: problem(ProblemType.FORBIDDEN_SENDER, out.detail),
      issues: [],
    };
  const r = out.receipt;
  return {
    ...base,
    outcome: r.status === BerichtStatus.AFGEKEURD ? 'rejected' : 'accepted',
    berichtId: r.id,
    bericht: r.bericht,
    problem: null,
    issues: r.issues,
  };
}

function record(
  b: { id: string; receivedAt: string; submittedBy: string; source: string; accepted: number; rejected: number },
  files: readonly BatchFileRow[],
): BatchRecord {
  return {
    id: b.id,
    receivedAt: b.receivedAt,
    submittedBy: b.submittedBy,
    source: b.source === 'zip' ? 'zip' : 'multipart',
    counts: { files: files.length, accepted: b.accepted, rejected: b.rejected },
    files: files.map((f) => ({
      index: f.idx,
      name: f.name,
      outcome: f.outcome === 'accepted' ? 'accepted' : 'rejected',
      berichtId: f.bericht_id,
      bericht: f.bericht,
      status: f.status,
      problem: (f.problem ?? null) as Problem | null,
      issues: f.issues,
      retour: f.has_retour,
    })),
  };
}

export function batchesService(deps: { readonly db: Db; readonly ingest: IngestFn }): BatchesApi {
  const get = async (id: string): Promise<BatchRecord | undefined> => {
    const b = await getBatch(deps.db, id);
    if (!b) return undefined;
    const files = await listBatchFiles(deps.db, id);
    const receivedAt = b.received_at instanceof Date ? b.received_at.toISOString() : new Date(b.received_at).toISOString();
    return record(
      { id: b.id, receivedAt, submittedBy: b.submitted_by, source: b.source, accepted: b.accepted, rejected: b.rejected },
      files,
    );
  };
  return {
    isId: (text) => ID_PATTERN.test(text),
    openZip(zip) {
      try {
        return {
          ok: true,
          files: openBatchZip(zip, {
            maxFiles: MAX_BATCH_FILES,
            maxFileBytes: MAX_BODY_BYTES,
            maxTotalBytes: MAX_BATCH_UNCOMPRESSED_BYTES,
          }),
        };
      } catch (err) {
        if (err instanceof ZipError) return { ok: false, problem: problem(ZIP_PROBLEM[err.kind], err.message) };
        throw err;
      }
    },
    async submit(files, principal, receivedAt, source) {
      if (principal.kind !== 'party') throw new Error('a batch is posted by a party');
      const written: BatchFileWrite[] = [];
      for (const [i, f] of files.entries()) written.push(await runFile(deps.ingest, f, i + 1, principal, receivedAt));
      const id = newId(receivedAt.getTime());
      const accepted = written.filter((w) => w.outcome === 'accepted').length;
      await insertBatch(deps.db, {
        id,
        receivedAt,
        submittedBy: principal.party.code,
        source,
        accepted,
        rejected: written.length - accepted,
        files: written,
      });
      const stored = await get(id);
      if (!stored) throw new Error(`batch ${id} was stored but cannot be read back`);
      return stored;
    },
    get,
    async retouren(id, index) {
      const rows = await batchRetouren(deps.db, id, index);
      return rows.map((r) => ({ index: r.idx, name: r.name, xml: r.retour_xml }));
    },
    zip: writeZip,
  };
}
