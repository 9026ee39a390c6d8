/**
 * `sluis replay` on the default PGlite store while `sluis serve` runs on the same data folder: PGlite
 * would open the folder from a second process and kill both. The replay is refused with a message
 * pointing to POST /api/v1/replays; once the gateway stops, the same replay runs. A second gateway on
 * the folder is refused as well.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { settingsFromEnv, SettingsError } from '../../src/app/settings.js';
import { startGateway } from '../../src/app/start.js';
import { createLogger } from '../../src/http/log.js';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sluis-datalock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a PGlite data folder in use', () => {
  it(
    'refuses `sluis replay` (and a second gateway) while the gateway runs, pointing to POST /api/v1/replays',
    { timeout: 120_000 },
    async () => {
      const env = { SLUIS_DATA_DIR: join(dir, 'data'), ...(process.env.SLUIS_SHARED ? { SLUIS_SHARED: process.env.SLUIS_SHARED } : {}) };
      const settings = { ...settingsFromEnv(env, dir), port: 0, validateThreads: 0 };
      const logger = createLogger({ level: 'silent' });
      const gw = await startGateway(settings, { logger });
      const replayArgs = ['replay', '--from', '2026-01-01', '--to', '2026-02-01', '--dry-run', '--today', '2026-02-01'];
      try {
        const r = await runCli(replayArgs, { env, cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/data folder .* is in use by a running gateway \(sluis serve\), pid \d+/);
        expect(r.stderr).toContain('POST /api/v1/replays');
        await expect(startGateway(settings, { logger })).rejects.toMatchObject({ event: 'data-dir-in-use', source: 'SLUIS_DATA_DIR' });
        await expect(startGateway(settings, { logger })).rejects.toBeInstanceOf(SettingsError);
      } finally {
        await gw.stop();
      }
      const after = await runCli(replayArgs, { env, cwd: dir });
      expect(after.stderr).not.toContain('in use');
      expect(after.code, after.stderr).toBe(0);
    },
  );
});
