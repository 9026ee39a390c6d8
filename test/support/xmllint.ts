/**
 * libxml2 as the L1 oracle, from npm: `libxml2-wasm` is libxml2 compiled to WebAssembly, so
 * `npm test` needs no system package. Each XSD is compiled once per process and kept; a file is then
 * parsed (no DTD loading, no entity substitution: xmllint's defaults) and validated in process, a
 * few milliseconds each. Its agreement with the system `xmllint --schema` (Debian: libxml2-utils) is
 * measured by `scripts/xmllint-agreement.ts` (the binary's runner is `scripts/xmllint-binary.ts`).
 *
 * A file is valid when it parses without an error-level diagnostic and validates. That includes
 * libxml2's namespace errors, from which the parser recovers (e.g. `xmlns:ijw=""`, illegal in
 * Namespaces in XML 1.0: "Empty XML namespace is not allowed"): such a document is not a conforming
 * namespace document, so it counts as invalid even though the xmllint binary would print `validates`.
 */
import { readFileSync } from 'node:fs';
import { XmlDocument, XmlLibError, XsdValidator, type ErrorDetail } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

export interface XmllintVerdict {
  readonly file: string;
  readonly valid: boolean;
  /** libxml2's error lines for this file (`<file>:<line>: <message>`, as xmllint prints them). */
  readonly errors: string[];
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
