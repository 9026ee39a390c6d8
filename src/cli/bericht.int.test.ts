/**
 * `sluis bericht` on a PGlite data folder: a bericht taken in with `sluis import`, read as a summary,
 * as XML and (absent) as retour; each read is in the access log with route `cli`, actor soort `cli`
 * and the operator's name, and no BSN. Refused while a gateway holds the folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../app/data-lock.js';
import { openDb } from '../store/db.js';
import { listBerichten } from '../store/journal/list.js';
import { runCli } from '../../test/support/cli.js';
import { repoRoot } from '../../test/support/paths.js';

/** The client's BSN in samples/iwmo/WMO301.xml. */
const BSN = '999990019';

describe('sluis bericht', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluis-bericht-'));
  const data = join(dir, 'data');
  const env = { SLUIS_DATA_DIR: data, SLUIS_OPERATOR: 'beheerder-jan' };
  let id = '';

  beforeAll(async () => {
    mkdirSync(join(dir, 'hist'));
    copyFileSync(join(repoRoot(), 'samples/iwmo/WMO301.xml'), join(dir, 'hist', 'WMO301.xml'));
    const imported = await runCli(['import', join(dir, 'hist')], { env });
    expect(imported.code, imported.stderr).toBe(0);
    const opened = await openDb({ dataDir: data, worker: false });
    try {
      id = (await listBerichten(opened.db, { limit: 10 }))[0]!.id;
    } finally {
      await opened.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the summary and the XML; both reads are in the access log with route cli and no BSN', async () => {
    const summary = await runCli(['bericht', id], { env });
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toMatch(new RegExp(`^id +${id}$`, 'm'));
    expect(summary.stdout).toMatch(/^bericht +WMO301$/m);
    expect(summary.stdout).not.toContain(BSN);
    const xml = await runCli(['bericht', id, '--xml'], { env });
    expect(xml.code, xml.stderr).toBe(0);
    expect(xml.stdout).toContain(`<wmo301:Bsn>${BSN}</wmo301:Bsn>`);

    const log = await runCli(['toegangslog', '--json', '--bericht', id], { env });
    expect(log.code, log.stderr).toBe(0);
    const items = log.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(items.map((i) => [i.route, i.actorSoort, i.actor, i.lezing, i.berichtId])).toEqual([
      ['cli', 'cli', 'beheerder-jan', 'xml', id],
      ['cli', 'cli', 'beheerder-jan', 'bericht', id],
    ]);
    expect(log.stdout).not.toContain(BSN);
  });

  it('--operator names the reader; a missing retour or bericht is exit 1 and no read', async () => {
    const r = await runCli(['bericht', id, '--json', '--operator', 'ketenregie-piet'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id, bericht: 'WMO301', standaard: 'iwmo' });
    const retour = await runCli(['bericht', id, '--retour'], { env });
    expect(retour.code).toBe(1);
    expect(retour.stderr).toContain('no retourbericht');
    const unknown = await runCli(['bericht', 'nope'], { env });
    expect(unknown.code).toBe(1);
    const log = await runCli(['toegangslog', '--json', '--route', 'cli'], { env });
    const lezingen = log.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { actor: string; lezing: string }).actor + ':' + (JSON.parse(l) as { lezing: string }).lezing);
    expect(lezingen).toEqual(['ketenregie-piet:bericht', 'beheerder-jan:xml', 'beheerder-jan:bericht']);
  });

  it('usage errors exit 2; a folder held by a gateway is refused, pointing at the API', async () => {
    for (const args of [[], [id, '--xml', '--retour'], [id, '--json', '--xml'], [id, '--foo'], [id, 'other'], [id, '--operator']]) {
      const r = await runCli(['bericht', ...args], { env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: sluis bericht');
    }
    const lock = lockDataDir(data, 'serve');
    if ('heldBy' in lock) throw new Error('folder already locked');
    try {
      const r = await runCli(['bericht', id], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('GET /api/v1/berichten/{id}');
    } finally {
      lock.release();
    }
  });
});
