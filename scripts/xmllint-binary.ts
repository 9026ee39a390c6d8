/**
 * The system `xmllint` binary (Debian: libxml2-utils), for the benchmark and the agreement script
 * only: `npm test` uses libxml2 from npm (test/support/xmllint.ts) and needs no system package.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { XmllintVerdict } from '../test/support/xmllint.js';

export interface XmllintOptions {
  /** Files per process, for the system binary: the argument vector stays far below ARG_MAX. Default 2,000. */
  readonly batchSize?: number;
}

/** Whether the system binary (Debian: libxml2-utils) is on PATH; the benchmark and the agreement script use it. */
export function xmllintBinaryAvailable(): boolean {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Fails loudly with the install hint: only the benchmark and the agreement script need the binary. */
export function requireXmllintBinary(): void {
  if (!xmllintBinaryAvailable()) {
    throw new Error('xmllint not found: install it with `apt-get install -y libxml2-utils` (needed for the benchmark, not for npm test)');
  }
}

/**
 * The same verdicts from the system binary, one process per batch. Paths must be without
 * whitespace (as written by the corpus builders).
 */
export async function xmllintBinaryValidate(xsd: string, files: readonly string[], opts: XmllintOptions = {}): Promise<XmllintVerdict[]> {
  const batchSize = opts.batchSize ?? 2000;
  const out: XmllintVerdict[] = [];
  for (let i = 0; i < files.length; i += batchSize) {
    out.push(...(await runBinaryBatch(xsd, files.slice(i, i + batchSize))));
  }
  return out;
}

function runBinaryBatch(xsd: string, files: readonly string[]): Promise<XmllintVerdict[]> {
  for (const f of files) if (/\s/.test(f)) throw new Error(`xmllint runner: path with whitespace not supported: ${f}`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn('xmllint', ['--noout', '--schema', xsd, ...files], { stdio: ['ignore', 'ignore', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const stderr = Buffer.concat(chunks).toString('utf8');
      // Exit codes: 0 all valid, 1 not well-formed / unreadable, 3 validation errors.
      // 5 = the schema itself did not compile: no verdict is trustworthy.
      if (code === 5 || /WXS schema .* failed to compile/.test(stderr)) {
        reject(new Error(`xmllint could not compile ${xsd}:\n${stderr.slice(0, 2000)}`));
        return;
      }
      resolvePromise(parseVerdicts(files, stderr));
    });
  });
}

/**
 * Per-file verdicts from the binary's stderr: `<file> validates` / `<file> fails to validate`; a
 * file that is not well-formed gets parser errors and no verdict line and counts as invalid. As
 * above, a file with a `namespace error` or `parser error` line counts as invalid whatever its
 * verdict line says. Exported for the runner's own test.
 */
export function parseVerdicts(files: readonly string[], stderr: string): XmllintVerdict[] {
  const verdict = new Map<string, boolean>();
  const errors = new Map<string, string[]>();
  const known = new Set(files);
  for (const line of stderr.split('\n')) {
    if (line.endsWith(' validates')) {
      const f = line.slice(0, -' validates'.length);
      if (known.has(f)) {
        verdict.set(f, true);
        continue;
      }
    }
    if (line.endsWith(' fails to validate')) {
      const f = line.slice(0, -' fails to validate'.length);
      if (known.has(f)) {
        verdict.set(f, false);
        continue;
      }
    }
    const colon = line.indexOf(':');
    const f = colon > 0 ? line.slice(0, colon) : '';
    if (known.has(f)) {
      const list = errors.get(f) ?? [];
      list.push(line);
      errors.set(f, list);
    }
  }
  return files.map((file) => {
    const errs = errors.get(file) ?? [];
    const xmlError = errs.some((l) => / (namespace|parser) error : /.test(l));
    return { file, valid: verdict.get(file) === true && !xmlError, errors: errs };
  });
}
