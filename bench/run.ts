/**
 * `npm run bench`: builds src/ and bench/ with tsc (tsconfig.bench.json; the bench's imports from
 * test/ land in dist/ only here, never in the product build), then
 * `node --expose-gc dist/bench/run.js [suite …] [--small=N] [--big-mb=N] [--runs=N]`. Runs the named suites (default: all), prints a table of Sluis beside
 * its baseline (libxml2's xmllint, an express hello-world) with the ratio and PASS/MISS per target,
 * and writes .bench/results.json.
 * Performance targets live here only, never in timed unit tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../test/support/paths.js';
import { requireXmllintBinary } from '../scripts/xmllint-binary.js';
import { bigDeclaratie } from './suites/big-declaratie.js';
import { declaratieConversation } from './suites/declaratie-conversation.js';
import { smallBerichten } from './suites/small-berichten.js';
import { httpIngest } from './suites/http-ingest.js';
import { replay } from './suites/replay.js';
import { stufGgkIngest } from './suites/stuf-ggk-ingest.js';
import { fmt, passes, type BenchOptions, type BenchRow, type Suite } from './suite.js';

/** Each suite measures Sluis beside a reference run in the same process tree (xmllint, an express hello-world). */
const SUITES: readonly Suite[] = [smallBerichten, bigDeclaratie, httpIngest, replay, declaratieConversation, stufGgkIngest];

function parseArgs(argv: readonly string[]): { names: string[]; options: BenchOptions; keep: boolean } {
  const opt = (name: string, def: number): number => {
    const a = argv.find((x) => x.startsWith(`--${name}=`));
    return a === undefined ? def : Number(a.slice(name.length + 3));
  };
  return {
    names: argv.filter((a) => !a.startsWith('--')),
    keep: argv.includes('--keep'),
    options: {
      smallCount: opt('small', 2000),
      bigBytes: opt('big-mb', 25) * 1e6,
      runs: opt('runs', 5),
      today: '2026-11-23',
      httpRows: argv.includes('--http=stateful') ? 'stateful' : 'all',
    },
  };
}

const unit = (r: BenchRow): string => (r.ratioLabel?.endsWith(' ms') ? ' ms' : '×');

function table(rows: readonly BenchRow[]): string {
  const head = ['suite', 'measure', 'Sluis', 'baseline', 'ratio', 'target', 'result'];
  const body = rows.map((r) => {
    const p = passes(r);
    return [
      // Latency rows compare milliseconds, not a ratio: print them with their unit.
      r.suite,
      r.measure,
      r.sluis,
      r.baseline ?? '',
      r.ratio === undefined ? '' : `${fmt(r.ratio, 2)}${unit(r)} (${r.ratioLabel ?? ''})`,
      r.target === undefined ? '' : `${r.target.op} ${fmt(r.target.value, 2)}${unit(r)}`,
      p === undefined ? '' : p ? 'PASS' : 'MISS',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { names, options, keep } = parseArgs(process.argv.slice(2));
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`unknown suite(s) ${unknown.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`);
  requireXmllintBinary();
  const loadBefore = loadavg()[0]!;
  if (loadBefore > cpus().length * 0.5) {
    process.stdout.write(`WARNING: load average ${fmt(loadBefore, 2)} on ${cpus().length} cores before starting; numbers will be noisy\n`);
  }
  const selected = names.length === 0 ? SUITES : SUITES.filter((s) => names.includes(s.name));
  const workDir = mkdtempSync(join(tmpdir(), 'sluis-bench-'));
  const log = (line: string): void => {
    process.stdout.write(`  ${line}\n`);
  };
  const rows: BenchRow[] = [];
  try {
    for (const s of selected) {
      process.stdout.write(`▶ ${s.name}: ${s.description}\n`);
      rows.push(...(await s.run({ workDir, options, log })));
    }
  } finally {
    if (!keep) rmSync(workDir, { recursive: true, force: true });
  }
  const cpu = cpus();
  const machine = {
    cores: cpu.length,
    cpu: cpu[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 1e9),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg()[0]!,
    xmllint: execFileSync('xmllint', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0] ?? '',
  };
  process.stdout.write(
    `\nmachine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGB} GB, Node ${machine.node}, ` +
      `load ${fmt(machine.loadAverageBefore, 2)} → ${fmt(machine.loadAverageAfter, 2)}\n\n${table(rows)}\n`,
  );
  const outDir = join(repoRoot(), '.bench');
  mkdirSync(outDir, { recursive: true });
  const results = { date: new Date().toISOString(), machine, options, rows: rows.map((r) => ({ ...r, pass: passes(r) ?? null })) };
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nresults: ${join(outDir, 'results.json')}\n`);
  // A MISS is reported, not an exit failure: the benchmark measures, CI does not gate on timing.
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
