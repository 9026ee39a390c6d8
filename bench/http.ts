/**
 * What the HTTP suites share: `sluis serve` (or any Node program) as a child process, keep-alive
 * clients posting bodies, fresh PostgreSQL schemas, and a child's CPU seconds from /proc.
 * Two ways to load a server:
 * - `load`: CLIENTS clients each posting their next body as soon as the last was answered (a closed
 *   loop): how many berichten per second the server takes at most. Its latencies are mostly queueing
 *   (Little's law: clients ÷ rate), so they say little beyond the rate.
 * - `paced`: bodies sent at a fixed rate whatever the answers (an open loop), each latency measured
 *   from the moment it was due, so a stall counts for every request it delays: the latency a client
 *   sees at that load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { repoRoot } from '../test/support/paths.js';

export const CLIENTS = 32;
export const PG_URL = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One POST: its path, content type, body and bearer key. */
export interface BenchRequest {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly key: string;
}

export interface LoadResult {
  /** Answers with an accepted status. */
  readonly ok: number;
  readonly other: number;
  readonly seconds: number;
  /** Requests per second over the whole run. */
  readonly rate: number;
  /** Latency per request in ms, sorted. */
  readonly lat: number[];
  readonly p50: number;
  readonly p99: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Sends one request on `agent`; resolves with its status once the whole answer is read. */
function post(agent: Agent, port: number, r: BenchRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: r.path,
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${r.key}`, 'content-type': r.contentType, 'content-length': r.body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

function result(lat: number[], ok: number, other: number, seconds: number, n: number): LoadResult {
  lat.sort((a, b) => a - b);
  return { ok, other, seconds, rate: n / seconds, lat, p50: percentile(lat, 0.5), p99: percentile(lat, 0.99) };
}

/** The closed loop: CLIENTS keep-alive clients through `reqs`; `accepted` says which statuses count as ok. */
export async function load(port: number, reqs: readonly BenchRequest[], accepted: (status: number) => boolean): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const lat: number[] = [];
  let next = 0;
  let ok = 0;
  let other = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < reqs.length) {
        const r = reqs[next++]!;
        const s = performance.now();
        const status = await post(agent, port, r);
        lat.push(performance.now() - s);
        if (accepted(status)) ok++;
        else other++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return result(lat, ok, other, seconds, reqs.length);
}

/**
 * The open loop: request i is due at t0 + i ÷ perSecond and sent then (or at once, if the sender is
 * late), on as many keep-alive sockets as are needed; its latency runs from when it was due.
 */
export async function paced(
  port: number,
  reqs: readonly BenchRequest[],
  perSecond: number,
  accepted: (status: number) => boolean,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const lat: number[] = [];
  let ok = 0;
  let other = 0;
  const interval = 1000 / perSecond;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < reqs.length; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      post(agent, port, reqs[i]!).then((status) => {
        lat.push(performance.now() - due);
        if (accepted(status)) ok++;
        else other++;
      }),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return result(lat, ok, other, seconds, reqs.length);
}

/** Starts a Node child and resolves once it prints its port (`"port":N`, as `sluis serve` logs it). */
export function startChild(args: string[], env: Record<string, string>): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { cwd: repoRoot(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        proc.stdout!.removeAllListeners('data');
        proc.stdout!.resume();
        resolve({ proc, port: Number(m[1]) });
      }
    });
    proc.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
    });
    proc.on('exit', (code) => reject(new Error(`child exited ${code}: ${out.slice(-2000)}${err.slice(-2000)}`)));
  });
}

export function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

/** `sluis serve`: compiled when the bench runs from dist/, through tsx when run from source. */
export function serveArgs(): string[] {
  const here = fileURLToPath(import.meta.url);
  // BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`): node flags for the gateways, for finding where time goes.
  const extra = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  return [
    ...extra,
    ...(here.endsWith('.ts')
      ? ['--import', 'tsx', join(repoRoot(), 'src/cli/main.ts'), 'serve']
      : [join(repoRoot(), 'dist/src/cli/main.js'), 'serve']),
  ];
}

/** A process's CPU seconds so far (user + system, from /proc; NaN where there is none). */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat(5); [0] here is field 3.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * A fresh PostgreSQL schema and the DATABASE_URL for it; application_name = the schema, so the
 * gateway's backends can be found (backendCpuSeconds).
 */
export async function freshSchema(): Promise<{ schema: string; url: string }> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  const sep = PG_URL.includes('?') ? '&' : '?';
  return { schema, url: `${PG_URL}${sep}application_name=${schema}&options=${encodeURIComponent(`-c search_path=${schema}`)}` };
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
}

/**
 * CPU seconds so far of the PostgreSQL backends serving one gateway (application_name = its schema),
 * keyed by pid: a backend that ends between two readings drops out, so compare with cpuDelta.
 */
export async function backendCpuSeconds(schema: string): Promise<Map<number, number>> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [schema]);
    return new Map(r.rows.map((row) => [row.pid, cpuSeconds(row.pid)]));
  } finally {
    await c.end();
  }
}

/** CPU seconds between two backendCpuSeconds readings, over the backends of the second (a new backend counts from 0). */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let s = 0;
  for (const [pid, v] of after) if (Number.isFinite(v)) s += v - (before.get(pid) ?? 0);
  return s;
}

/**
 * A copy of a sample bericht with its own Identificatie, ToewijzingNummers and ReferentieAanbieders,
 * from serial `n`. Real numbers are unique per bericht and per toewijzing; copies of one sample would
 * each ask the conversation state about every earlier copy, whose answers then grow with the journal.
 */
export function ownNumbers(xml: string, id: string, n: number): Buffer {
  let j = 0;
  let k = 0;
  return Buffer.from(
    xml
      .replace(/(<[\w]+:Identificatie>)[^<]*(<)/, `$1${id}$2`)
      // LDT_Nummer: an integer of at most 9 digits.
      .replace(
        /(<[\w]+:ToewijzingNummer>)[^<]*(<)/g,
        (_m, a: string, c: string) => `${a}${100_000_000 + ((n * 4 + j++) % 899_999_999)}${c}`,
      )
      .replace(/(<[\w]+:ReferentieAanbieder>)[^<]*(<)/g, (_m, a: string, c: string) => `${a}R${n.toString(36).toUpperCase()}-${k++}${c}`),
  );
}
