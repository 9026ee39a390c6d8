/**
 * Test berichten: the repository's valid samples (samples/{ijw,iwmo}/, L1- and L2-valid) with header
 * fields, Identificatie and BSNs substituted. Only fictitious test BSNs (999900006…999999990, elfproef).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';

const cache = new Map<string, string>();
export function sample(id: string): string {
  let s = cache.get(id);
  if (s === undefined) {
    s = readFileSync(join(repoRoot(), 'samples', id.startsWith('JW') ? 'ijw' : 'iwmo', `${id}.xml`), 'utf8');
    cache.set(id, s);
  }
  return s;
}

let BSNS: string[] | undefined;
/**
 * The n-th test BSN (0 ≤ n < 9,091): the 8-digit prefixes 99990000…99999999 whose elfproef check
 * digit is not 10, in order.
 */
export function testBsn(n: number): string {
  if (!BSNS) {
    BSNS = [];
    for (let prefix = 99_990_000; prefix <= 99_999_999; prefix++) {
      const s = String(prefix);
      let sum = 0;
      for (let i = 0; i < 8; i++) sum += Number(s[i]) * (9 - i);
      const d = sum % 11;
      if (d !== 10) BSNS.push(`${s}${d}`);
    }
  }
  const b = BSNS[n];
  if (b === undefined) throw new Error(`test BSN ${n} out of range (0…${BSNS.length - 1})`);
  return b;
}

export interface BerichtSpec {
  /** Sample id, e.g. 'JW301', 'JW305', 'JW323'. */
  readonly id: string;
  readonly identificatie: string;
  readonly gemeente?: string;
  readonly aanbieder?: string;
  /** Replaces the sample's first client BSN. */
  readonly bsn?: string;
  /** Replaces the sample's further distinct BSNs in order (a 323 names several clients). */
  readonly moreBsns?: readonly string[];
}

export function bericht(spec: BerichtSpec): string {
  let xml = sample(spec.id);
  const gemeente = spec.gemeente ?? '0384';
  const aanbieder = spec.aanbieder ?? '42420001';
  // Keep the sample's direction: whichever header party is a 4-digit code is the gemeente.
  const afzenderIsGemeente = /<[\w]+:Afzender>[0-9]{4}</.test(xml);
  const afzender = afzenderIsGemeente ? gemeente : aanbieder;
  const ontvanger = afzenderIsGemeente ? aanbieder : gemeente;
  xml = xml.replace(/(<[\w]+:Afzender>)[^<]*(<)/, `$1${afzender}$2`).replace(/(<[\w]+:Ontvanger>)[^<]*(<)/, `$1${ontvanger}$2`);
  xml = xml.replace(/(<[\w]+:Identificatie>)[^<]*(<)/, `$1${spec.identificatie}$2`);
  if (spec.bsn) {
    const distinct = [...new Set([...xml.matchAll(/<[\w]+:Bsn>([0-9]{9})</g)].map((m) => m[1]!))];
    const to = [spec.bsn, ...(spec.moreBsns ?? [])];
    const map = new Map(distinct.map((b, i) => [b, to[i] ?? b]));
    xml = xml.replace(/(<[\w]+:Bsn>)([0-9]{9})(<)/g, (_m, a: string, b: string, c: string) => `${a}${map.get(b) ?? b}${c}`);
  }
  return xml;
}
