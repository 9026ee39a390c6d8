/**
 * PGlite in a worker thread. PGlite executes queries synchronously on the thread that owns it, so in
 * the main thread every commit stalls HTTP parsing and validation; here it runs beside them (measured
 * ~1.2 ms of PGlite CPU per bericht over HTTP). The protocol is one statement per message; the main
 * thread (db.ts) keeps the serialising queue, so transactions stay intact.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { MAX_PREPARED_TEXTS, pglitePrepared } from './pglite-prepared.js';

interface Request {
  readonly id: number;
  readonly sql?: string;
  readonly params?: unknown[];
  readonly prepared?: boolean;
  readonly close?: boolean;
}

const port = parentPort;
if (!port) throw new Error('pglite-worker must run as a worker thread');
const dataDir = (workerData as { dataDir?: string }).dataDir;
const lite = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
const prepared = pglitePrepared(lite, MAX_PREPARED_TEXTS);
port.postMessage({ id: 0, ready: true });
port.on('message', (m: Request) => {
  if (m.close) {
    void lite.close().then(() => port.postMessage({ id: m.id, rows: [] }));
    return;
  }
  (m.prepared ? prepared(m.sql as string, m.params ?? []) : lite.query(m.sql as string, m.params)).then(
    (r) => port.postMessage({ id: m.id, rows: r.rows }),
    (e: unknown) => {
      const err = e as { message?: string; code?: string };
      port.postMessage({ id: m.id, error: { message: String(err.message ?? e), ...(err.code ? { code: err.code } : {}) } });
    },
  );
});
