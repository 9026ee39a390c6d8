/**
 * `sluis replay --registry-as-of T` on a PGlite data folder: a 301 routed under the demo registry, then
 * its contract made taakgericht (a stored version with a reden); a replay under today's registry would
 * change the decision, one under the registry as of before the change keeps it, and names the version.
 * The same case as POST /api/v1/replays with registryAsOf (test/gateway/contract-history.int.test.ts).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey, parsePartiesConfig } from '../config/parties.js';
import { call, startGateway } from '../../test/gateway/harness.js';
import { runCli } from '../../test/support/cli.js';
import { repoRoot } from '../../test/support/paths.js';

const OPERATOR = 'replay-as-of-operator-0123456789abcdef';
const GEMEENTE = 'replay-as-of-gemeente-0363-0123456789';
const ID = 'DEMO-0363-JW-OG';

describe('sluis replay --registry-as-of', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-replay-as-of-'));
  const data = join(dir, 'data');
  const file = join(dir, 'registry.json');
  const env = { SLUIS_DATA_DIR: data, SLUIS_REGISTRY: file, SLUIS_OPERATOR: 'beheer-cli' };
  const sel = ['--from', '2026-11-07T00:00:00Z', '--to', '2026-11-08T00:00:00Z', '--dry-run', '--json', '--source', 'journal'];

  beforeAll(async () => {
    copyFileSync(join(repoRoot(), 'config/demo.registry.json'), file);
    let now = new Date('2026-11-07T09:00:00Z');
    const parties = parsePartiesConfig(
      {
        clientKeySecret: 'replay-as-of-client-key-secret-01234',
        parties: [
          { role: 'gemeente', code: '0363', name: 'Gemeente 0363', apiKeys: [{ id: 'g', sha256: hashApiKey(GEMEENTE) }] },
          { role: 'aanbieder', code: '41410017', name: 'Aanbieder', apiKeys: [{ id: 'a', sha256: hashApiKey(`${GEMEENTE}-a`) }] },
        ],
        operators: [{ name: 'beheer', apiKeys: [{ id: 'o', sha256: hashApiKey(OPERATOR) }] }],
      },
      'test',
    );
    const gw = await startGateway('pglite', { parties, clock: () => now, dataDir: data, env: { SLUIS_REGISTRY: file } });
    try {
      const posted = await call(gw, 'POST', '/api/v1/berichten', {
        key: GEMEENTE,
        body: readFileSync(join(repoRoot(), 'samples/ijw/JW301.xml'), 'utf8'),
      });
      expect(posted.status).toBe(202);
      expect(posted.json().decision.action).toBe('route');
      now = new Date('2026-11-07T10:00:00Z');
      const cur = (await call(gw, 'GET', `/api/v1/contracten/${ID}`, { key: OPERATOR })).json() as Record<string, unknown>;
      const tg = await call(gw, 'PUT', `/api/v1/contracten/${ID}?reden=taakgericht`, {
        key: OPERATOR,
        contentType: 'application/json',
        body: JSON.stringify({ ...cur, uitvoeringsvariant: 'taakgericht', profiel: 'taakgericht-minimaal', bekostiging: 'populatie' }),
      });
      expect(tg.status).toBe(200);
    } finally {
      await gw.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('decides under the stored registry as of before the change: unchanged, and the report names the version', async () => {
    const earlier = await runCli(['replay', ...sel, '--registry-as-of', '2026-11-07T09:30:00Z'], { env });
    expect(earlier.code, earlier.stderr + earlier.stdout).toBe(0);
    const report = JSON.parse(earlier.stdout) as { counts: Record<string, number>; registry?: unknown };
    expect(report.counts).toMatchObject({ selected: 1, unchanged: 1, changed: 0 });
    expect(report.registry).toEqual({ asOf: '2026-11-07T09:30:00.000Z', versie: 1 });
    const plain = await runCli(['replay', ...sel.filter((a) => a !== '--json'), '--registry-as-of', '2026-11-07T09:30:00Z'], { env });
    expect(plain.stdout).toContain('registry: the stored version 1, in force at 2026-11-07T09:30:00.000Z');
  });

  it('as of after the change it decides as the stored version 2 does: the 301 would change', async () => {
    const later = await runCli(['replay', ...sel, '--registry-as-of', '2026-11-07T10:30:00Z'], { env });
    expect(later.code, later.stderr + later.stdout).toBe(0);
    const report = JSON.parse(later.stdout) as { counts: Record<string, number>; registry?: unknown };
    expect(report.counts).toMatchObject({ selected: 1, changed: 1 });
    expect(report.registry).toEqual({ asOf: '2026-11-07T10:30:00.000Z', versie: 2 });
  });

  it('a time before any version, a time that is not ISO, or both --registry and --registry-as-of: exit 2', async () => {
    const before = await runCli(['replay', ...sel, '--registry-as-of', '2020-01-01T00:00:00Z'], { env });
    expect(before.code).toBe(2);
    expect(JSON.parse(before.stdout)).toMatchObject({ error: 'no-registry-version' });
    const bad = await runCli(['replay', ...sel, '--registry-as-of', 'gisteren'], { env });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: 'invalid-value' });
    const both = await runCli(['replay', ...sel, '--registry-as-of', '2026-11-07T09:30:00Z', '--registry', file], { env });
    expect(both.code).toBe(2);
  });
});
