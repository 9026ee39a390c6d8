/**
 * Suite: StUF-GGk ingest beside REST ingest of the same berichten, in the same run (docs/stuf-ggk.md).
 * `sluis serve` on PostgreSQL (a fresh schema) as a child process; 32 keep-alive clients send distinct
 * JW301 berichten (unique Identificatie) either as `POST /api/v1/berichten` or wrapped in a Di01
 * envelope (base64, a fresh referentienummer each) to `POST /stuf-ggk/OntvangAsynchroon`. Both paths
 * are warmed, then timed rounds alternate REST and SOAP (R S R S R S R) against the one gateway, as
 * the http-ingest suite pairs its rounds (decision 0018); each SOAP round is divided by the mean of the
 * REST rounds on either side, and the ratio reported is the median of those.
 * Target (issue 22): Di01 ingest ≥ 0.8× REST ingest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { hashApiKey } from '../../src/config/parties.js';
import { repoRoot, sharedDir } from '../../test/support/paths.js';
import { fmt, median, type BenchContext, type BenchRow, type Suite } from '../suite.js';

const CLIENTS = 32;
/** Untimed requests per path before the timed rounds (JIT, plan caches); at most half a round. */
const WARM = 1000;
const ROUNDS = 3;
const KEY = 'bench-key-gemeente-0384-0123456789abcdef';
const PG_URL = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const SOAP_PATH = '/stuf-ggk/OntvangAsynchroon';

interface Req {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
}

interface Round {
  readonly rate: number;
  readonly ok: number;
  readonly other: number;
  readonly lat: number[];
}

async function load(port: number, reqs: readonly Req[]): Promise<Round> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const lat: number[] = [];
  let next = 0;
  let ok = 0;
  let other = 0;
  const one = (r: Req): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: r.path,
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${KEY}`, 'content-type': r.contentType, 'content-length': r.body.length },
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
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < reqs.length) {
        const r = reqs[next++]!;
        const s = performance.now();
        const status = await one(r);
        lat.push(performance.now() - s);
        // REST answers 202, SOAP a Bv03 with 200.
        if (status === 202 || status === 200) ok++;
        else other++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { rate: reqs.length / seconds, ok, other, lat };
}

function startChild(args: string[], env: Record<string, string>): Promise<{ proc: ChildProcess; port: number }> {
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

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

function cliArgs(): string[] {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts')
    ? ['--import', 'tsx', join(repoRoot(), 'src/cli/main.ts'), 'serve']
    : [join(repoRoot(), 'dist/src/cli/main.js'), 'serve'];
}

const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

export async function run(ctx?: BenchContext): Promise<BenchRow[]> {
  const log = ctx?.log ?? ((l: string) => process.stdout.write(`  ${l}\n`));
  const count = Math.max(200, ctx?.options.smallCount ?? 2000);
  const warm = Math.min(WARM, Math.ceil(count / 2));
  const work = mkdtempSync(join(ctx?.workDir ?? '/tmp', 'stuf-ggk-ingest-'));
  const template = readFileSync(join(sharedDir(), 'istandaarden/samples/ijw/JW301.xml'), 'utf8');
  const envelope = readFileSync(join(sharedDir(), 'istandaarden/stuf-ggk/ggk0310_21_03/ggk0310_21/ggkberichten/ggk_Di01.xml'), 'utf8')
    .replace(/^<\?xml[^>]*\?>\s*/, '')
    .replace('<StUF:organisatie>0548</StUF:organisatie>', '<StUF:organisatie>0384</StUF:organisatie>')
    .replace('>WMO301<', '>JW301<');
  let serial = 0;
  const xml = (): Buffer => {
    const id = `S${(serial++).toString(36).toUpperCase()}`;
    return Buffer.from(template.replace(/(<ijw:Identificatie>)[^<]*(<\/ijw:Identificatie>)/, `$1${id}$2`));
  };
  const rest = (n: number): Req[] =>
    Array.from({ length: n }, () => ({ path: '/api/v1/berichten', contentType: 'application/xml', body: xml() }));
  const soap = (n: number): Req[] =>
    Array.from({ length: n }, () => ({
      path: SOAP_PATH,
      contentType: 'text/xml; charset=utf-8',
      body: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${envelope
          .replace('9c0f7b90-5c69-11e5-a837-0800200c9a66', randomUUID())
          .replace('SGllciBzdGFhdCBoZXQgaGVlbmJlcmljaHQ=', xml().toString('base64'))}</s:Body></s:Envelope>`,
      ),
    }));
  const parties = join(work, 'parties.json');
  writeFileSync(
    parties,
    JSON.stringify({
      parties: [
        { role: 'gemeente', code: '0384', name: 'bench', apiKeys: [{ id: 'b', sha256: hashApiKey(KEY) }] },
        { role: 'aanbieder', code: '42420001', name: 'bench', apiKeys: [{ id: 'b', sha256: hashApiKey(`${KEY}-a`) }] },
      ],
    }),
  );
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SLUIS_PARTIES: parties,
    DATABASE_URL: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
  };
  const gw = await startChild(cliArgs(), env);
  const rows: BenchRow[] = [];
  try {
    await load(gw.port, rest(warm));
    await load(gw.port, soap(warm));
    log(`warmed up (${warm} per path); ${ROUNDS} paired rounds of ${count}`);
    const r: Round[] = [await load(gw.port, rest(count))];
    const s: Round[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      s.push(await load(gw.port, soap(count)));
      r.push(await load(gw.port, rest(count)));
      ratios.push(s[i]!.rate / ((r[i]!.rate + r[i + 1]!.rate) / 2));
    }
    const ratio = median(ratios);
    const soapLat = s.flatMap((x) => x.lat).sort((a, b) => a - b);
    const restLat = r.flatMap((x) => x.lat).sort((a, b) => a - b);
    const sRate = median(s.map((x) => x.rate));
    const rRate = median(r.map((x) => x.rate));
    const other = [...s, ...r].reduce((n, x) => n + x.other, 0);
    log(
      `Di01: ${fmt(sRate)} berichten/s (rounds ${s.map((x) => fmt(x.rate)).join(', ')}), p50 ${fmt(pct(soapLat, 0.5), 1)} ms, p99 ${fmt(pct(soapLat, 0.99), 1)} ms`,
    );
    log(
      `REST around it: ${fmt(rRate)} berichten/s (rounds ${r.map((x) => fmt(x.rate)).join(', ')}), p99 ${fmt(pct(restLat, 0.99), 1)} ms; ratio per round ${ratios.map((x) => fmt(x, 3)).join(', ')} → median ${fmt(ratio, 3)}; ${other} not accepted`,
    );
    rows.push({
      suite: 'stuf-ggk-ingest',
      measure: `POST ${SOAP_PATH} (Di01, JW301), ${CLIENTS} clients, PostgreSQL`,
      sluis: `${fmt(sRate)} berichten/s`,
      baseline: `${fmt(rRate)} berichten/s (POST /api/v1/berichten of the same berichten, rounds alternating)`,
      ratioLabel: 'Di01 ÷ REST, median of paired rounds',
      ratio,
      target: { op: '>=', value: 0.8 },
      data: {
        store: 'postgres',
        rate: sRate,
        restRate: rRate,
        p50ms: pct(soapLat, 0.5),
        p99ms: pct(soapLat, 0.99),
        restP99ms: pct(restLat, 0.99),
        ratios: ratios.map((x) => x.toFixed(3)).join(' '),
        notAccepted: other,
      },
    });
  } finally {
    await stop(gw.proc);
    const d = new pg.Client({ connectionString: PG_URL });
    await d.connect();
    await d.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await d.end();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

export const stufGgkIngest: Suite = {
  name: 'stuf-ggk-ingest',
  description: 'Di01 envelopes to POST /stuf-ggk/OntvangAsynchroon beside REST posts of the same berichten, PostgreSQL, 32 clients',
  run: (ctx) => run(ctx),
};
