/**
 * StUF-GGk test support: libxml2 (libxml2-wasm) over the real ggk0310 XSDs in ../shared as the oracle
 * for every envelope Sluis reads or emits, and the published example envelopes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XmlDocument, XmlLibError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';

export function stufDir(): string {
  return resolve(process.env.SLUIS_SHARED ?? resolve(import.meta.dirname, '../../../shared'), 'istandaarden/stuf-ggk/ggk0310_21_03');
}

/** The envelope XSD (Di01, Du01) and the StUF base XSD (Bv03, Fo01). */
export const GGK_XSD = (): string => resolve(stufDir(), 'ggk0310_21/ggkberichten/ggk0310_msg.xsd');
export const STUF_XSD = (): string => resolve(stufDir(), '0301/stuf0301mtom.xsd');

/** The published examples: the two in ggkberichten (well-formed) and the two in voorbeeldberichten (the Du01 is broken). */
export const EXAMPLES = {
  di01: (): string => readFileSync(resolve(stufDir(), 'ggk0310_21/ggkberichten/ggk_Di01.xml'), 'utf8'),
  du01: (): string => readFileSync(resolve(stufDir(), 'ggk0310_21/ggkberichten/ggk_Du01.xml'), 'utf8'),
  voorbeeldDi01: (): string => readFileSync(resolve(stufDir(), 'voorbeeldberichten/envelopHeenbericht-ggk_Di01_v21.xml'), 'utf8'),
  voorbeeldDu01Broken: (): string => readFileSync(resolve(stufDir(), 'voorbeeldberichten/envelopRetourbericht-ggk_Du01-v21.xml'), 'utf8'),
};

let registered = false;
const validators = new Map<string, XsdValidator>();

function validatorFor(xsd: string): XsdValidator {
  let v = validators.get(xsd);
  if (v) return v;
  if (!registered) registered = xmlRegisterFsInputProviders();
  const doc = XmlDocument.fromBuffer(readFileSync(xsd), { url: xsd });
  try {
    v = XsdValidator.fromDoc(doc);
  } finally {
    doc.dispose();
  }
  validators.set(xsd, v);
  return v;
}

/** libxml2's verdict on one document against one XSD: undefined when valid, else its first errors. */
export function libxmlErrors(xsd: string, xml: string): string | undefined {
  let doc: XmlDocument | undefined;
  try {
    doc = XmlDocument.fromBuffer(Buffer.from(xml, 'utf8'), { url: 'envelope.xml' });
    validatorFor(xsd).validate(doc);
    return undefined;
  } catch (e) {
    if (e instanceof XmlLibError) return e.details.map((d) => d.message.trim()).join('; ') || e.message;
    throw e;
  } finally {
    doc?.dispose();
  }
}

/** The one element of a SOAP Body (or a Fault's detail), as a standalone document. */
export function soapBodyChild(soap: string, local: string): string {
  const m = new RegExp(`<([A-Za-z0-9_]+:)?${local}[\\s>][\\s\\S]*</([A-Za-z0-9_]+:)?${local}>`).exec(soap);
  if (!m) throw new Error(`no ${local} in ${soap.slice(0, 300)}`);
  return m[0];
}

/** Wraps a (bare) envelope document in a SOAP 1.1 request. */
export function soapRequest(envelope: string): string {
  const body = envelope.replace(/^\uFEFF?<\?xml[^>]*\?>\s*/, '');
  return `<?xml version="1.0" encoding="UTF-8"?>\r\n<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}
