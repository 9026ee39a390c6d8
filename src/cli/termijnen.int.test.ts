/**
 * `sluis termijnen` on PGlite (the PostgreSQL run is in test/gateway/termijnen.int.test.ts): a data
 * folder of its own, refused while a gateway holds it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../app/data-lock.js';
import { runCli } from '../../test/support/cli.js';

describe('sluis termijnen on a PGlite data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-termijnen-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens (and migrates) the folder and prints the table head when there are none', async () => {
    const r = await runCli(['termijnen'], { env: { SLUIS_DATA_DIR: dir } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^id +bericht +regel +status +geopend +uiterlijk +schuldenaar +afzender +gesloten door$/);
    const j = await runCli(['termijnen', '--json'], { env: { SLUIS_DATA_DIR: dir } });
    expect(j.code).toBe(0);
    expect(j.stdout).toBe('');
  });

  it('is refused while a gateway holds the folder, pointing at the API', async () => {
    const lock = lockDataDir(dir, 'serve');
    if ('heldBy' in lock) throw new Error('folder already locked');
    try {
      const r = await runCli(['termijnen'], { env: { SLUIS_DATA_DIR: dir } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('GET /api/v1/termijnen');
    } finally {
      lock.release();
    }
  });

  it('usage errors exit 2 without opening anything', async () => {
    for (const args of [['--status', 'dicht'], ['--bericht', '999'], ['--partij', '12'], ['--limit', '0'], ['--foo'], ['--status']]) {
      const r = await runCli(['termijnen', ...args], { env: { SLUIS_DATA_DIR: join(dir, 'never') } });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: sluis termijnen');
    }
  });
});
