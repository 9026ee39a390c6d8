/**
 * libxml2's `xmllint` as the L1 oracle. Starting one process per file costs ~30 ms of schema
 * loading each (the basisschema carries 249 LandCodes and 59 RetourCodes), so thousands of files
 * go through ONE `xmllint --noout --schema <xsd> f1 f2 …` per message type and the per-file
 * verdicts are read from stderr: `<file> validates` / `<file> fails to validate`. A file that is
 * not well-formed gets parser errors and no verdict line; it counts as invalid.
 *
 * One refinement: libxml2 recovers from some namespace-well-formedness errors and still prints
 * `validates` (e.g. `xmlns:ijw=""`, illegal in Namespaces in XML 1.0: "namespace error : Empty XML
 * namespace is not allowed"). Such a document is not a conforming namespace document, so a file
 * with a `namespace error` or `parser error` line counts as invalid whatever the verdict line says.
 */
import { spawn, spawnSync } from 'node:child_process';

export interface XmllintVerdict {
  readonly file: string;
  readonly valid: boolean;
  /** xmllint's error lines for this file (prefixed with the file name). */
  readonly errors: string[];
}

export function xmllintAvailable(): boolean {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Fails loudly with the install hint instead of letting tests silently skip the oracle. */
export function requireXmllint(): void {
  if (!xmllintAvailable()) {
    throw new Error('xmllint not found: install it with `apt-get install -y libxml2-utils` (CI does this in .ci/run)');
  }
}

export interface XmllintOptions {
  /** Files per process; the argument vector stays far below ARG_MAX. Default 2,000. */
  readonly batchSize?: number;
}

/**
 * Validate `files` (paths without whitespace, as written by the corpus builders) against one XSD.
 * Returns a verdict for every file, in input order.
 */
export async function xmllintValidate(xsd: string, files: readonly string[], opts: XmllintOptions = {}): Promise<XmllintVerdict[]> {
  const batchSize = opts.batchSize ?? 2000;
  const out: XmllintVerdict[] = [];
  for (let i = 0; i < files.length; i += batchSize) {
    out.push(...(await runBatch(xsd, files.slice(i, i + batchSize))));
  }
  return out;
}

function runBatch(xsd: string, files: readonly string[]): Promise<XmllintVerdict[]> {
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

/** Per-file verdicts from xmllint's stderr. Exported for the runner's own test. */
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
