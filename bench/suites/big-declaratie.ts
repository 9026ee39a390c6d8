/**
 * Suite (b): one generated JW323 near the 25 MB limit (OP179), validated as a FILE by streaming it
 * in chunks with 'Client' detached, in a child process so its peak RSS is its own; beside
 * `xmllint --noout --schema` on the same file (wall time; max RSS through /usr/bin/time -v).
 * Targets: Sluis time ≤ 2 × xmllint's; Sluis peak RSS ≤ 4 × the file size.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { xsdPath } from '../../test/support/paths.js';
import { writeBigDeclaratie } from '../corpus.js';
import type { StreamWorkerResult } from '../stream-worker.js';
import { best, fmt, mb, worst, type BenchContext, type BenchRow, type Suite } from '../suite.js';

const SEED = 323;
const TIME = '/usr/bin/time';

interface ProcessMeasure {
  seconds: number;
  cpuSeconds?: number;
  maxRssBytes?: number;
  ok: boolean;
  detail: string;
}

function runCollect(
  cmd: string,
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  return new Promise((resolvePromise, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        seconds: Number(process.hrtime.bigint() - t0) / 1e9,
      }),
    );
  });
}

async function xmllintOnce(xsd: string, file: string, stream: boolean): Promise<ProcessMeasure> {
  const args = ['--noout', ...(stream ? ['--stream'] : []), '--schema', xsd, file];
  const haveTime = existsSync(TIME);
  const r = haveTime ? await runCollect(TIME, ['-v', 'xmllint', ...args]) : await runCollect('xmllint', args);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const ok = r.stderr.includes(`${file} validates`);
  return {
    seconds: r.seconds,
    ...(rss ? { maxRssBytes: Number(rss[1]) * 1024 } : {}),
    ...(user && sys ? { cpuSeconds: Number(user[1]) + Number(sys[1]) } : {}),
    ok,
    detail: ok ? 'validates' : r.stderr.slice(0, 300),
  };
}

async function sluisOnce(file: string, mode: 'l1' | 'l1l2', today: string): Promise<ProcessMeasure & { clients: number }> {
  const self = fileURLToPath(import.meta.url);
  const worker = join(self, '..', '..', self.endsWith('.ts') ? 'stream-worker.ts' : 'stream-worker.js');
  const pre = self.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const r = await runCollect(process.execPath, [...pre, '--expose-gc', worker, file, mode, today]);
  if (r.code !== 0) throw new Error(`stream worker failed: ${r.stderr.slice(0, 500)}`);
  const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as StreamWorkerResult;
  return {
    seconds: res.seconds,
    cpuSeconds: res.cpuSeconds,
    maxRssBytes: res.maxRssBytes,
    ok: res.valid,
    detail: res.firstIssue ?? 'valid',
    clients: res.completedClients,
  };
}

const pick = <T>(agg: (v: readonly number[]) => number, xs: readonly T[], f: (x: T) => number | undefined): number | undefined => {
  const v = xs.map(f).filter((x): x is number => x !== undefined);
  return v.length === 0 ? undefined : agg(v);
};

export const bigDeclaratie: Suite = {
  name: 'big-declaratie',
  description: 'streaming validation of a ~25 MB JW323 file (Client detached) vs xmllint --schema on the same file',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const { bigBytes, runs, today } = ctx.options;
    const file = join(ctx.workDir, 'big-JW323.xml');
    const gen = writeBigDeclaratie(file, bigBytes, SEED);
    ctx.log(`big: ${mb(gen.bytes)}, ${fmt(gen.clienten)} Clienten, ${fmt(gen.prestaties)} Prestaties`);
    const xsd = xsdPath('JW323');

    const sl: Awaited<ReturnType<typeof sluisOnce>>[] = [];
    const sl2: Awaited<ReturnType<typeof sluisOnce>>[] = [];
    const xl: ProcessMeasure[] = [];
    const xls: ProcessMeasure[] = [];
    for (let r = 0; r < runs; r++) {
      sl.push(await sluisOnce(file, 'l1', today));
      xl.push(await xmllintOnce(xsd, file, false));
      sl2.push(await sluisOnce(file, 'l1l2', today));
      xls.push(await xmllintOnce(xsd, file, true));
    }
    for (const [who, m] of [
      ['Sluis L1', sl[0]!],
      ['Sluis L1+L2', sl2[0]!],
      ['xmllint', xl[0]!],
      ['xmllint --stream', xls[0]!],
    ] as const) {
      if (!m.ok) ctx.log(`WARNING: ${who} did not accept the generated file: ${m.detail}`);
    }
    if (sl[0]!.clients !== gen.clienten) ctx.log(`WARNING: Sluis completed ${sl[0]!.clients} Clienten, expected ${gen.clienten}`);

    const sT = pick(best, sl, (m) => m.seconds)!;
    const sR = pick(worst, sl, (m) => m.maxRssBytes)!;
    const sC = pick(best, sl, (m) => m.cpuSeconds)!;
    const xC = pick(best, xl, (m) => m.cpuSeconds);
    const s2T = pick(best, sl2, (m) => m.seconds)!;
    const s2R = pick(worst, sl2, (m) => m.maxRssBytes)!;
    const xT = pick(best, xl, (m) => m.seconds)!;
    const xR = pick(worst, xl, (m) => m.maxRssBytes);
    const xsT = pick(best, xls, (m) => m.seconds)!;
    const xsR = pick(worst, xls, (m) => m.maxRssBytes);
    const rss = (b: number | undefined): string => (b === undefined ? 'n/a (no /usr/bin/time)' : `${mb(b)} RSS`);
    const data = {
      fileBytes: gen.bytes,
      clienten: gen.clienten,
      prestaties: gen.prestaties,
      runs,
      sluisSeconds: sT,
      sluisMaxRssBytes: sR,
      sluisL1L2Seconds: s2T,
      sluisL1L2MaxRssBytes: s2R,
      xmllintSeconds: xT,
      xmllintMaxRssBytes: xR ?? -1,
      xmllintStreamSeconds: xsT,
      xmllintStreamMaxRssBytes: xsR ?? -1,
      sluisValid: sl[0]!.ok,
      xmllintValid: xl[0]!.ok,
      sluisCpuSeconds: sC,
      xmllintCpuSeconds: xC ?? -1,
    };
    return [
      {
        suite: this.name,
        measure: `time, ${mb(gen.bytes)} JW323 file (L1, streamed)`,
        sluis: `${fmt(sT, 2)} s`,
        baseline: `${fmt(xT, 2)} s`,
        ratioLabel: 'Sluis ÷ xmllint (s)',
        ratio: sT / xT,
        target: { op: '<=', value: 2.0 },
        data,
      },
      ...(xC === undefined
        ? []
        : [
            {
              suite: this.name,
              measure: 'same, CPU seconds (user+sys; load-independent)',
              sluis: `${fmt(sC, 2)} CPU-s`,
              baseline: `${fmt(xC, 2)} CPU-s`,
              ratioLabel: 'Sluis ÷ xmllint (CPU-s)',
              ratio: sC / xC,
              data: {},
            },
          ]),
      {
        suite: this.name,
        measure: `peak RSS vs file size (xmllint RSS for reference)`,
        sluis: `${mb(sR)} RSS`,
        baseline: rss(xR),
        ratioLabel: 'Sluis RSS ÷ file size',
        ratio: sR / gen.bytes,
        target: { op: '<=', value: 4.0 },
        data: {},
      },
      {
        suite: this.name,
        measure: 'L1+L2 streamed (BerichtValidator), for reference',
        sluis: `${fmt(s2T, 2)} s, ${mb(s2R)} RSS`,
        baseline: `${fmt(xT, 2)} s`,
        ratioLabel: 'Sluis ÷ xmllint (s)',
        ratio: s2T / xT,
        data: {},
      },
      {
        suite: this.name,
        measure: 'xmllint --stream (reader API), for reference',
        sluis: `${fmt(sT, 2)} s`,
        baseline: `${fmt(xsT, 2)} s, ${rss(xsR)}`,
        ratioLabel: 'Sluis ÷ xmllint --stream (s)',
        ratio: sT / xsT,
        data: {},
      },
    ];
  },
};
