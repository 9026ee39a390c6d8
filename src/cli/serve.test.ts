import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, SERVE_SETTINGS } from './serve.js';
import type { CliIO } from './main.js';

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
    let out = '';
    const io: CliIO = {
      stdout: (t) => {
        out += t;
      },
      stderr: () => undefined,
      isTTY: false,
      env: {},
      cwd: '/',
    };
    expect(await run(['--help'], io)).toBe(0);
    for (const s of SERVE_SETTINGS) expect(out).toContain(s);
    expect(out).toContain('docs/operations.md');
  });
});
