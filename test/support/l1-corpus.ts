/**
 * The L1 differential corpus, written to disk: every shared sample, one unmutated valid instance
 * per message and deterministic mutants of valid berichten (test/support/mutants.ts). Shared by the
 * differential test and `scripts/xmllint-agreement.ts`, so both judge exactly the same files.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES } from '../../src/standard/generated/model.js';
import type { BerichtId } from '../../src/standard/model.js';
import { buildBericht } from '../../src/xml/build.js';
import { BERICHT_IDS, validInstance } from './arbitraries.js';
import { generateMutants } from './mutants.js';
import { samplesDir } from './paths.js';

/** The differential test's seed. */
export const L1_SEED = 20261123;
/** 75 × 28 = 2,100 mutants (brief: ≥ 2,000 overall, ≥ 70 per message). */
export const L1_PER_MESSAGE = 75;

export interface CorpusFile {
  readonly id: string;
  readonly message: BerichtId;
  readonly kind: 'sample' | 'base' | 'mutant';
  readonly mutation: string;
  readonly file: string;
}

/** Write the corpus under `dir` (one folder per message); returns the files in a fixed order. */
export function writeL1Corpus(dir: string, seed = L1_SEED, perMessage = L1_PER_MESSAGE): CorpusFile[] {
  const corpus: CorpusFile[] = [];
  const write = (c: Omit<CorpusFile, 'file'>, xml: string | Buffer): void => {
    const sub = join(dir, c.message);
    mkdirSync(sub, { recursive: true });
    const file = join(sub, `${c.id}.xml`);
    writeFileSync(file, xml);
    corpus.push({ ...c, file });
  };

  for (const f of readdirSync(samplesDir())
    .filter((n) => n.endsWith('.xml'))
    .sort()) {
    const message = f.replace(/\.xml$/, '') as BerichtId;
    write({ id: `sample-${message}`, message, kind: 'sample', mutation: `shared sample ${f}` }, readFileSync(join(samplesDir(), f)));
  }
  const baseXml = (id: BerichtId, s: number): string =>
    buildBericht(MESSAGES[id], validInstance(id, s) as unknown as Record<string, unknown>);
  for (const id of BERICHT_IDS)
    write({ id: `base-${id}`, message: id, kind: 'base', mutation: 'unmutated valid instance' }, baseXml(id, seed));
  for (const m of generateMutants({ seed, perMessage, baseXml })) {
    write({ id: m.id, message: m.message, kind: 'mutant', mutation: m.mutation }, m.xml);
  }
  return corpus;
}
