/**
 * libxml2 as the L1 oracle, from npm: `libxml2-wasm` is libxml2 compiled to WebAssembly, so
 * `npm test` needs no system package. Each XSD is compiled once per process and kept; a file is then
 * parsed (no DTD loading, no entity substitution: xmllint's defaults) and validated in process, a
 * few milliseconds each. Its agreement with the system `xmllint --schema` (Debian: libxml2-utils) is
 * measured by `scripts/xmllint-agreement.ts`.
 *
 * A file is valid when it parses without an error-level diagnostic and validates. That includes
 * libxml2's namespace errors, from which the parser recovers (e.g. `xmlns:ijw=""`, illegal in
 * Namespaces in XML 1.0: "Empty XML namespace is not allowed"): such a document is not a conforming
 * namespace document, so it counts as invalid even though the xmllint binary would print `validates`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { XmlDocument, XmlLibError, XsdValidator, type ErrorDetail } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

export interface XmllintVerdict {
  readonly file: string;
  readonly valid: boolean;
  /** libxml2's error lines for this file (`<file>:<line>: <message>`, as xmllint prints them). */
  readonly errors: string[];
}

export interface XmllintOptions {
  /** Files per process, for the system binary: the argument vector stays far below ARG_MAX. Default 2,000. */
  readonly batchSize?: number;
}

let providersRegistered = false;
/** Compiled schemas by path; each lives as long as the test process. */
const validators = new Map<string, XsdValidator>();

function validatorFor(xsd: string): XsdValidator {
  let v = validators.get(xsd);
  if (v) return v;
  // The message XSDs import basisschema.xsd by a relative schemaLocation: read it from disk.
  if (!providersRegistered) providersRegistered = xmlRegisterFsInputProviders();
  let schemaDoc: XmlDocument | undefined;
  try {
    schemaDoc = XmlDocument.fromBuffer(readFileSync(xsd), { url: xsd });
    v = XsdValidator.fromDoc(schemaDoc);
  } catch (e) {
    throw new Error(`xmllint could not compile ${xsd}: ${(e as Error).message.slice(0, 2000)}`);
  } finally {
    schemaDoc?.dispose();
  }
  validators.set(xsd, v);
  return v;
}

const errorLines = (file: string, details: readonly ErrorDetail[]): string[] =>
  details.map((d) => `${file}:${d.line}: ${d.message.trimEnd()}`);

/** Validate one document; the verdict and libxml2's diagnostics (warnings are not errors). */
function validateOne(validator: XsdValidator, file: string): XmllintVerdict {
  let doc: XmlDocument | undefined;
  try {
    doc = XmlDocument.fromBuffer(readFileSync(file), { url: file });
    validator.validate(doc);
    return { file, valid: true, errors: [] };
  } catch (e) {
    if (e instanceof XmlLibError) return { file, valid: false, errors: errorLines(file, e.details) };
    throw e;
  } finally {
    doc?.dispose();
  }
}

/**
 * Validate `files` against one XSD. Returns a verdict for every file, in input order; rejects when
 * the schema does not compile (no verdict is trustworthy then).
 */
export function xmllintValidate(xsd: string, files: readonly string[]): Promise<XmllintVerdict[]> {
  try {
    const validator = validatorFor(xsd);
    return Promise.resolve(files.map((f) => validateOne(validator, f)));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
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
