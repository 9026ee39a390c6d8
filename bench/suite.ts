/**
 * The benchmark's building blocks. A suite measures Sluis beside a baseline (libxml2's xmllint)
 * and returns rows; a row may carry a target that decides PASS/MISS. New suites (HTTP, Kafka) are
 * added to the list in run.ts.
 */
export interface Target {
  /** `>=`: the ratio must reach the value; `<=`: it must stay at or below it. */
  readonly op: '>=' | '<=';
  readonly value: number;
}

export interface BenchRow {
  readonly suite: string;
  readonly measure: string;
  /** Formatted for the table, e.g. "8,412 msg/s". */
  readonly sluis: string;
  readonly baseline?: string;
  /** What the ratio compares, e.g. "Sluis ÷ xmllint (msg/s)". */
  readonly ratioLabel?: string;
  readonly ratio?: number;
  readonly target?: Target;
  /** Raw numbers for .bench/results.json. */
  readonly data: Readonly<Record<string, number | string | boolean>>;
}

export interface BenchOptions {
  /** Number of small berichten (issue 3: 2,000). */
  readonly smallCount: number;
  /** Size of the big JW323 in bytes (issue 3: ~25 MB, the OP179 limit). */
  readonly bigBytes: number;
  /**
   * Repetitions per measurement, Sluis and xmllint interleaved. Times: the best run is reported
   * (the machine is shared; the minimum is the least disturbed estimate). Peak RSS: the worst run.
   */
  readonly runs: number;
  /** The date validation treats as today (the clock is passed in). */
  readonly today: string;
  /** `http-ingest` only: `stateful` runs just the stateful-rules rows (`--http=stateful`), for working on them. */
  readonly httpRows?: 'all' | 'stateful';
}

export interface BenchContext {
  readonly workDir: string;
  readonly options: BenchOptions;
  log(line: string): void;
}

export interface Suite {
  readonly name: string;
  readonly description: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export function passes(row: BenchRow): boolean | undefined {
  if (row.target === undefined || row.ratio === undefined) return undefined;
  return row.target.op === '>=' ? row.ratio >= row.target.value : row.ratio <= row.target.value;
}

export const best = (xs: readonly number[]): number => Math.min(...xs);
export const worst = (xs: readonly number[]): number => Math.max(...xs);

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const mb = (bytes: number): string => `${fmt(bytes / 1e6, 1)} MB`;

/**
 * Run xmllint jobs one after another from one bash, which then prints the CPU time of its children
 * (`times`, millisecond resolution): a load-independent comparison on a shared machine beside the
 * wall time. Returns per-job verdicts as test/support/xmllint.ts reads them.
 */
export async function xmllintJobsTimed(
  jobs: readonly { readonly xsd: string; readonly files: readonly string[] }[],
): Promise<{ wallSeconds: number; cpuSeconds: number; valid: number; invalid: number }> {
  const { spawn } = await import('node:child_process');
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = [...jobs.map((j) => `xmllint --noout --schema ${q(j.xsd)} ${j.files.map(q).join(' ')}`), 'times >&3'].join('\n');
  return new Promise((resolvePromise, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    const err: Buffer[] = [];
    const times: Buffer[] = [];
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (c: Buffer) => times.push(c));
    child.on('error', reject);
    child.on('close', () => {
      const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      // `times`: line 1 = the shell's own user/sys, line 2 = its children's.
      const lines = Buffer.concat(times).toString('utf8').trim().split('\n');
      const secs = (s: string): number => {
        const m = /(\d+)m([\d.]+)s/.exec(s);
        return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
      };
      const [cu, cs] = (lines[1] ?? '').trim().split(/\s+/);
      const stderr = Buffer.concat(err).toString('utf8');
      const valid = (stderr.match(/ validates$/gm) ?? []).length;
      const invalid = (stderr.match(/ fails to validate$/gm) ?? []).length;
      resolvePromise({ wallSeconds, cpuSeconds: secs(cu ?? '') + secs(cs ?? ''), valid, invalid });
    });
  });
}
