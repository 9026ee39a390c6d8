/**
 * `sluis import` end to end on PGlite in a data folder: a folder and the same berichten as a zip, the
 * report (counts per status, the pair's horizon), idempotence, and the usage errors.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { repoRoot } from '../../test/support/paths.js';
import { makeZip } from '../../test/support/zip.js';

describe('sluis import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-import-'));
  const hist = join(dir, 'hist');
  mkdirSync(join(hist, 'nested'), { recursive: true });
  for (const f of ['WMO301.xml', 'WMO305.xml']) copyFileSync(join(repoRoot(), 'samples/iwmo', f), join(hist, f));
  copyFileSync(join(repoRoot(), 'samples/iwmo/WMO315.xml'), join(hist, 'nested', 'WMO315.xml'));
  writeFileSync(join(hist, 'notes.txt'), 'not a bericht, not an .xml file');
  const env = { SLUIS_DATA_DIR: join(dir, 'data') };

  it('imports a folder, reports counts and the new horizon as JSON, and a zip of the same berichten adds nothing', async () => {
    const first = await runCli(['import', '--json', hist], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.counts).toEqual({ geimporteerd: 3 });
    expect(report.pairs).toEqual([
      { standard: 'iwmo', gemeente: '0344', aanbieder: '75750042', earliest: '2026-11-02', horizon: '2026-11-02', bron: 'import' },
    ]);
    const zip = join(dir, 'hist.zip');
    writeFileSync(
      zip,
      makeZip(['WMO301.xml', 'WMO305.xml'].map((f, i) => ({ name: f, text: readFileSync(join(hist, f), 'utf8'), deflate: i === 0 }))),
    );
    const second = await runCli(['import', zip], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('al-in-journaal   2');
    expect(second.stdout).toContain('iwmo 0344–75750042  2026-11-02 (import');
  });

  it('names the files it could not take in (exit 1) and refuses bad usage (exit 2)', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'broken.xml'), '<Bericht>');
    const r = await runCli(['import', bad], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/l1-ongeldig +1/);
    expect(r.stdout).toContain('broken.xml:');
    expect((await runCli(['import'], { env })).code).toBe(2);
    expect((await runCli(['import', '--nope', bad], { env })).code).toBe(2);
    const missing = await runCli(['import', join(dir, 'nothing-here')], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nothing-here/);
  });
});
