import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { SERVE_SETTINGS } from './serve.js';

/** The variable names in the first column of docs/operations.md's settings table. */
function documentedSettings(): string[] {
  const doc = readFileSync(join(import.meta.dirname, '../../docs/operations.md'), 'utf8');
  const table = doc.slice(doc.indexOf('| variable |'), doc.indexOf('\n\n', doc.indexOf('| variable |')));
  return table
    .split('\n')
    .slice(2)
    .flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
}

describe('sluis serve --help', () => {
  it('names exactly the settings docs/operations.md documents', () => {
    const documented = documentedSettings();
    expect(documented.length).toBeGreaterThan(10);
    expect([...SERVE_SETTINGS].sort()).toEqual([...new Set(documented)].sort());
  });

  it('prints them and exits 0 without starting anything', async () => {
    const r = await runCli(['serve', '--help'], { cwd: '/' });
    expect(r.code).toBe(0);
    for (const s of SERVE_SETTINGS) expect(r.stdout).toContain(s);
    expect(r.stdout).toContain('docs/operations.md');
  });
});
