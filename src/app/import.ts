/**
 * `sluis import`: historical berichten through the same pipeline as live traffic — L1, L2, the
 * decision, the conversation facts, the journal — without delivery (no postbus, outbox, webhook or
 * Kafka rows; src/pipeline/ingest.ts `imported`). Each row is marked imported. Afterwards every
 * gemeente–aanbieder pair it touched gets its state horizon moved back to the earliest imported
 * Dagtekening (src/store/horizon), so the conversation rules may enforce on what the history covers.
 *
 * Order: by Dagtekening, then by file name, so a toewijzing is journaled before the start that
 * follows it; each is journaled as received at its Dagtekening (00:00 UTC, plus its place in the
 * import in milliseconds), so the journal's order is the history's. Idempotent: a bericht already in
 * the journal (the same sender, BerichtCode, Identificatie and bytes) is not taken in again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Principal } from '../config/parties.js';
import type { Db } from '../store/db.js';
import { moveHorizonBack } from '../store/horizon/move-back.js';
import type { HorizonBronCode } from '../store/horizon/types.js';
import type { IngestFn } from '../pipeline/ingest.js';
import type { Clock } from './clock.js';
import { readZip } from './zip.js';

export interface ImportFile {
  /** Where it came from (a path in the folder or the zip), for the report. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** How one file ended up, besides a journal status. */
export const ImportOutcome = {
  /** Already in the journal (the same bytes under the same key): not taken in again. */
  alInJournaal: 'al-in-journaal',
  /** Not XML Sluis can read as a bericht, or against the XSD (L1): nothing journaled. */
  l1Ongeldig: 'l1-ongeldig',
} as const;

export interface ImportPair {
  readonly standard: string;
  readonly gemeente: string;
  readonly aanbieder: string;
  /** The earliest Dagtekening imported for the pair in this run. */
  readonly earliest: string;
  /** The pair's horizon after the import (YYYY-MM-DD) and where it comes from. */
  readonly horizon: string;
  readonly bron: HorizonBronCode;
}

export interface ImportReport {
  readonly files: number;
  /** Per journal status (geimporteerd, afgekeurd, onderdrukt, geweigerd) and per ImportOutcome. */
  readonly counts: Readonly<Record<string, number>>;
  readonly pairs: readonly ImportPair[];
  /** Files that were not journaled, with why (codes and paths, never content). */
  readonly problems: readonly { readonly file: string; readonly problem: string }[];
}

const DAGTEKENING = /<(?:[\w-]+:)?Dagtekening>\s*(\d{4}-\d{2}-\d{2})\s*</;

/** The header Dagtekening (the first Dagtekening in every message), or undefined. */
function dagtekeningOf(bytes: Uint8Array): string | undefined {
  return DAGTEKENING.exec(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192)).toString('utf8'))?.[1];
}

/** The files of a folder (every .xml below it) or a zip archive (every .xml entry). */
export function readImportSource(path: string): ImportFile[] {
  if (statSync(path).isDirectory()) {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.toLowerCase().endsWith('.xml') ? [join(dir, e.name)] : []));
    return walk(path).map((f) => ({ name: relative(path, f), bytes: new Uint8Array(readFileSync(f)) }));
  }
  return readZip(readFileSync(path)).filter((e) => e.name.toLowerCase().endsWith('.xml'));
}

export interface ImportDeps {
  readonly db: Db;
  readonly ingest: IngestFn;
  readonly clock: Pick<Clock, 'now'>;
  /** Who runs it (journaled as the operator principal of the import). */
  readonly operator: string;
}

export async function importBerichten(deps: ImportDeps, files: readonly ImportFile[]): Promise<ImportReport> {
  const principal: Principal = { kind: 'operator', name: deps.operator, keyId: 'import' };
  const ordered = files
    .map((f) => ({ f, d: dagtekeningOf(f.bytes) }))
    .sort((a, b) => (a.d ?? '9999').localeCompare(b.d ?? '9999') || a.f.name.localeCompare(b.f.name));
  const counts: Record<string, number> = {};
  const count = (k: string): void => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  const problems: { file: string; problem: string }[] = [];
  const earliest = new Map<string, { standard: string; gemeente: string; aanbieder: string; earliest: string }>();
  const importedAt = deps.clock.now();
  for (const [i, { f, d }] of ordered.entries()) {
    const receivedAt = d ? new Date(Date.parse(`${d}T00:00:00Z`) + i) : importedAt;
    const out = await deps.ingest(f.bytes, principal, receivedAt, { imported: importedAt });
    if (out.kind === 'l1-invalid') {
      count(ImportOutcome.l1Ongeldig);
      problems.push({ file: f.name, problem: out.issues.map((x) => `${x.code} ${x.path}`).join('; ') || 'not a bericht' });
      continue;
    }
    if (out.kind === 'forbidden-sender') {
      problems.push({ file: f.name, problem: out.detail });
      continue;
    }
    count(out.replay ? ImportOutcome.alInJournaal : out.receipt.status);
    const { afzender, ontvanger, dagtekening } = out.header;
    // A gemeente is a 4-digit CBS code, an aanbieder an 8-digit AGB code (the parties config's rule).
    const [gemeente, aanbieder] = afzender.length === 4 ? [afzender, ontvanger] : [ontvanger, afzender];
    const key = `${out.receipt.standard}|${gemeente}|${aanbieder}`;
    const cur = earliest.get(key);
    if (!cur || dagtekening < cur.earliest)
      earliest.set(key, { standard: out.receipt.standard, gemeente, aanbieder, earliest: dagtekening });
  }
  const pairs: ImportPair[] = [];
  for (const p of [...earliest.values()].sort((a, b) =>
    `${a.standard}${a.gemeente}${a.aanbieder}`.localeCompare(`${b.standard}${b.gemeente}${b.aanbieder}`),
  )) {
    const h = await moveHorizonBack(deps.db, p, p.earliest);
    pairs.push({ ...p, horizon: h.since, bron: h.bron });
  }
  return { files: files.length, counts, pairs, problems };
}

/** The report as the CLI prints it. */
export function formatImportReport(r: ImportReport): string {
  const lines = [`imported ${r.files} file(s)`];
  for (const [k, n] of Object.entries(r.counts).sort()) lines.push(`  ${k.padEnd(16)} ${n}`);
  if (r.pairs.length) lines.push('state horizon per pair (since when Sluis saw all their traffic):');
  for (const p of r.pairs)
    lines.push(`  ${p.standard} ${p.gemeente}–${p.aanbieder}  ${p.horizon} (${p.bron}; earliest imported ${p.earliest})`);
  if (r.problems.length) lines.push('not imported:');
  for (const p of r.problems) lines.push(`  ${p.file}: ${p.problem}`);
  return `${lines.join('\n')}\n`;
}
