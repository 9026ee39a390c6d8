/**
 * `npx tsx scripts/xmllint-agreement.ts`: the tests' L1 oracle is xmllint-wasm (libxml2 from npm);
 * this measures it against the system binary (Debian: libxml2-utils) on the same files — the
 * committed samples (valid and invalid), the shared samples and the L1 differential corpus with its
 * mutants — and prints the agreement count and every file on which the verdicts differ. Run it when
 * xmllint-wasm or the system libxml2 is upgraded. Exit code 1 on any disagreement.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BerichtId } from '../src/standard/model.js';
import { writeL1Corpus } from '../test/support/l1-corpus.js';
import { repoRoot, xsdPath } from '../test/support/paths.js';
import { xmllintValidate } from '../test/support/xmllint.js';
import { requireXmllintBinary, xmllintBinaryValidate } from './xmllint-binary.js';

/** The message of a bericht from its root namespace, e.g. …/ijw/3_2/jw301/schema → JW301. */
function messageOf(file: string): BerichtId {
  const m = /\/3_2\/(jw|wmo)(\d{3})\/schema"/.exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`no bericht namespace in ${file}`);
  return `${m[1]!.toUpperCase()}${m[2]!}` as BerichtId;
}

async function main(): Promise<number> {
  requireXmllintBinary();
  const dir = mkdtempSync(join(tmpdir(), 'sluis-xmllint-agreement-'));
  try {
    const files: { readonly file: string; readonly message: BerichtId; readonly group: string }[] = [];
    const samples = join(repoRoot(), 'samples');
    for (const sub of ['ijw', 'iwmo', 'invalid'])
      for (const f of readdirSync(join(samples, sub)).sort()) {
        const file = join(samples, sub, f);
        files.push({ file, message: messageOf(file), group: sub === 'invalid' ? 'samples/invalid' : 'samples' });
      }
    for (const c of writeL1Corpus(dir)) files.push({ file: c.file, message: c.message, group: `l1-corpus ${c.kind}` });

    const counts = new Map<string, { agree: number; total: number; valid: number }>();
    const differ: string[] = [];
    for (const message of [...new Set(files.map((f) => f.message))].sort()) {
      const mine = files.filter((f) => f.message === message);
      const paths = mine.map((f) => f.file);
      const [wasm, binary] = [await xmllintValidate(xsdPath(message), paths), await xmllintBinaryValidate(xsdPath(message), paths)];
      mine.forEach((f, i) => {
        const c = counts.get(f.group) ?? { agree: 0, total: 0, valid: 0 };
        c.total++;
        if (binary[i]!.valid) c.valid++;
        if (wasm[i]!.valid === binary[i]!.valid) c.agree++;
        else
          differ.push(
            `${f.file}: wasm ${wasm[i]!.valid} (${wasm[i]!.errors[0] ?? ''}), binary ${binary[i]!.valid} (${binary[i]!.errors[0] ?? ''})`,
          );
        counts.set(f.group, c);
      });
    }
    const version = (await import('node:child_process')).spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).stderr.split('\n')[0];
    console.log(`system binary: ${version}`);
    let agree = 0;
    let total = 0;
    for (const [group, c] of counts) {
      console.log(`${group}: ${c.agree} of ${c.total} agree (binary: ${c.valid} valid, ${c.total - c.valid} invalid)`);
      agree += c.agree;
      total += c.total;
    }
    console.log(`all: ${agree} of ${total} agree`);
    for (const d of differ) console.log(`DIFFERS ${d}`);
    return differ.length === 0 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
