/**
 * Benchmark corpora, generated (never copied from ../shared): small berichten of all 28 messages,
 * and one big JW323 declaratie near the 25 MB file limit (OP179). Deterministic in the seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES } from '../src/standard/generated/model.js';
import type { BerichtId } from '../src/standard/model.js';
import { buildBericht } from '../src/xml/build.js';
import { BERICHT_IDS, nthTestBsn, sampleComplex, validInstance } from '../test/support/arbitraries.js';
import { consistentDeclaratie } from '../test/support/declaratie.js';

export interface SmallCorpus {
  readonly dir: string;
  /** Files per message id, in generation order. */
  readonly byMessage: ReadonlyMap<BerichtId, string[]>;
  readonly files: readonly string[];
  readonly totalBytes: number;
}

/** `count` small berichten, round-robin over the 28 messages, written to `dir`. */
export function writeSmallCorpus(dir: string, count: number, seed: number): SmallCorpus {
  mkdirSync(dir, { recursive: true });
  const byMessage = new Map<BerichtId, string[]>();
  const files: string[] = [];
  let totalBytes = 0;
  for (let i = 0; i < count; i++) {
    const id = BERICHT_IDS[i % BERICHT_IDS.length]!;
    const xml = buildBericht(MESSAGES[id], validInstance(id, seed + i) as unknown as Record<string, unknown>);
    const file = join(dir, `${String(i).padStart(5, '0')}-${id}.xml`);
    writeFileSync(file, xml);
    totalBytes += Buffer.byteLength(xml);
    files.push(file);
    const list = byMessage.get(id) ?? [];
    list.push(file);
    byMessage.set(id, list);
  }
  return { dir, byMessage, files, totalBytes };
}

/**
 * A valid JW323 of about `targetBytes`: a pool of generated Clienten (up to 12 Prestaties each)
 * repeated with distinct test BSNs until the size is reached. Returns the file size and the
 * number of Clienten and Prestaties.
 */
export function writeBigDeclaratie(
  file: string,
  targetBytes: number,
  seed: number,
): { bytes: number; clienten: number; prestaties: number } {
  const pool = sampleComplex('jw323:Client', seed, 400, { maxRepeat: 12 });
  const header = validInstance('JW323', seed) as unknown as { Header: unknown; Declaratie: Record<string, unknown> };
  const build = (n: number): { xml: string; prestaties: number } => {
    const clients: Record<string, unknown>[] = [];
    let prestaties = 0;
    for (let i = 0; i < n; i++) {
      const c = pool[i % pool.length]!;
      prestaties += (c['Prestaties'] as { Prestatie: unknown[] }).Prestatie.length;
      clients.push({ ...c, Bsn: nthTestBsn(i) });
    }
    const bericht = { Header: header.Header, Declaratie: { ...header.Declaratie, Clienten: { Client: clients } } };
    return { xml: buildBericht(MESSAGES.JW323, bericht), prestaties };
  };
  const probe = build(pool.length);
  const perClient = Buffer.byteLength(probe.xml) / pool.length;
  const n = Math.max(1, Math.floor(targetBytes / perClient));
  const { xml, prestaties } = build(n);
  writeFileSync(file, xml);
  return { bytes: Buffer.byteLength(xml), clienten: n, prestaties };
}

/**
 * A consistent JW323 of about `targetBytes` (test/support/declaratie.ts): what a gateway is asked to
 * pass, so the conversation rules find (near) nothing and the bench measures the questions, not
 * 150,000 findings. At most ~9,000 Clienten (the distinct test BSNs), enough for 25 MB.
 */
export function writeConsistentDeclaratie(
  file: string,
  targetBytes: number,
  seed: number,
): { bytes: number; clienten: number; prestaties: number } {
  const probeN = 200;
  const probe = buildBericht(MESSAGES.JW323, consistentDeclaratie(probeN, seed).bericht);
  const n = Math.max(1, Math.floor((targetBytes / Buffer.byteLength(probe)) * probeN));
  const d = consistentDeclaratie(n, seed);
  const xml = buildBericht(MESSAGES.JW323, d.bericht);
  writeFileSync(file, xml);
  return { bytes: Buffer.byteLength(xml), clienten: d.clienten, prestaties: d.prestaties };
}

/** A client's own ToewijzingNummer j (LDT_Nummer: at most 9 digits). */
const clientNummer = (k: number, j: number): string => String(100_000_000 + k * 10 + j);

/**
 * A repository sample (samples/ijw, as test/kafka/fixtures `bericht` gives it) with the ToewijzingNummers
 * of client `k` instead of the sample's (every real toewijzing has its own number; copies of the
 * sample's would make each bericht ask the rules across berichten about every earlier copy). The
 * 301/305/307 samples' numbers become k's; in the 323 sample the first client's two products are k's
 * and the second client's product is `second`'s.
 */
export function withClientNumbers(xml: string, k: number, second: number = k): string {
  const map: Record<string, string> = {
    '26001234': clientNummer(k, 0),
    '26001235': clientNummer(k, 1),
    '26001236': clientNummer(k, 2),
    '26000871': clientNummer(k, 0),
    '26000872': clientNummer(k, 1),
    '26000540': clientNummer(second, 0),
  };
  return xml.replace(/(<[\w]+:ToewijzingNummer>)([^<]*)(<)/g, (_m, a: string, v: string, c: string) => `${a}${map[v] ?? v}${c}`);
}

/** A 323 with its own DeclaratieNummer and ReferentieNummers (`nr` appended to the sample's), as real ones are unique. */
export function withOwnDeclaratieNummers(xml: string, nr: string): string {
  return xml
    .replace(/(<[\w]+:DeclaratieNummer>)[^<]*(<)/, `$1${nr}$2`)
    .replace(/(<[\w]+:(?:Vorig)?ReferentieNummer>)([^<]*)(<)/g, (_m, a: string, v: string, c: string) => `${a}${v}${nr}${c}`);
}
