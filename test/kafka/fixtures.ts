/**
 * Test berichten: the hand-made iJw samples (../shared/istandaarden/samples/ijw) with header fields,
 * Identificatie and BSN substituted. Only fictitious test BSNs (999900006…999999990, elfproef).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { samplesDir } from '../support/paths.js';

const cache = new Map<string, string>();
export function sample(id: string): string {
  let s = cache.get(id);
  if (s === undefined) { s = readFileSync(join(samplesDir(), `${id}.xml`), 'utf8'); cache.set(id, s); }
  return s;
}

/** The n-th test BSN (n ≥ 0): walks the 8-digit prefixes from 99990000 and skips check digit 10. */
export function testBsn(n: number): string {
  let found = -1;
  for (let prefix = 99_990_000; prefix <= 99_999_999; prefix++) {
    const s = String(prefix);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(s[i]) * (9 - i);
    const d = sum % 11;
    if (d === 10) continue;
    if (++found === n) return `${s}${d}`;
  }
  throw new Error('test BSN range exhausted');
}

export interface BerichtSpec {
  /** Sample id, e.g. 'JW301', 'JW305', 'JW323'. */
  readonly id: string;
  readonly identificatie: string;
  readonly gemeente?: string;
  readonly aanbieder?: string;
  /** Replaces every BSN in the sample (a 323 then names one client twice). */
  readonly bsn?: string;
}

/** Heen- vs retour direction decides which of gemeente/aanbieder is Afzender (FACTS §4.1/4.2). */
const GEMEENTE_SENDS = new Set(['JW301', 'JW302', 'JW319', 'JW320', 'JW325', 'JW306', 'JW308', 'JW316', 'JW318']);

export function bericht(spec: BerichtSpec): string {
  let xml = sample(spec.id);
  const gemeente = spec.gemeente ?? '0384';
  const aanbieder = spec.aanbieder ?? '42420001';
  // Retours copy the heenbericht header: 306/308/316/318 were sent by the aanbieder.
  const heenByAanbieder = ['JW306', 'JW308', 'JW316', 'JW318'].includes(spec.id);
  const afzender = heenByAanbieder ? aanbieder : GEMEENTE_SENDS.has(spec.id) ? gemeente : aanbieder;
  const ontvanger = afzender === gemeente ? aanbieder : gemeente;
  xml = xml.replace(/(<[\w]+:Afzender>)[^<]*(<)/, `$1${afzender}$2`).replace(/(<[\w]+:Ontvanger>)[^<]*(<)/, `$1${ontvanger}$2`);
  xml = xml.replace(/(<[\w]+:Identificatie>)[^<]*(<)/, `$1${spec.identificatie}$2`);
  if (spec.bsn) xml = xml.replace(/(<[\w]+:Bsn>)[0-9]{9}(<)/g, `$1${spec.bsn}$2`);
  return xml;
}
