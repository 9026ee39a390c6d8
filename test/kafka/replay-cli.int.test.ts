/**
 * `sluis replay` end to end through the CLI in process (main(argv, io)) on a PostgreSQL schema: text and
 * --json output, progress (bar on a TTY, plain lines otherwise), usage errors as machine-readable JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decide, EMPTY_STATE, summarize } from '../../src/decision/index.js';
import type { DecideFn } from '../../src/pipeline/types.js';
import { runCli, type CliResult } from '../support/cli.js';
import { openTestDb, PG_URL, type TestDb } from './db.js';
import { bericht, testBsn } from './fixtures.js';
import { testPipeline } from './gateway.js';
import { NOW_DOC, THEN_DOC, registry } from './registries.js';
import { schemaValidator } from './schemas.js';

const THEN = registry(THEN_DOC);
const decideThen: DecideFn = (input) => decide(summarize(input.message, input.bericht), THEN, EMPTY_STATE, input.today);

/** `sluis replay …` in process with exactly this environment. */
const replay = (args: string[], env: Record<string, string>, isTTY = false): Promise<CliResult> =>
  runCli(['replay', ...args], { env, cwd: process.cwd(), isTTY });

describe('sluis replay (CLI, postgres)', () => {
  let store: TestDb;
  let env: Record<string, string>;
  let registryFile: string;
  beforeAll(async () => {
    store = await openTestDb('postgres', 'cli');
    const { ingress } = testPipeline(store.db, 'postgres', decideThen);
    for (let i = 0; i < 30; i++) {
      const xml =
        i % 3 === 0
          ? bericht({ id: 'JW301', identificatie: `T${i}`, bsn: testBsn(800 + i), aanbieder: '42420099' })
          : bericht({ id: 'JW323', identificatie: `D${i}`, bsn: testBsn(800 + i), moreBsns: [testBsn(900 + i)] });
      expect((await ingress(Buffer.from(xml), new Date(Date.UTC(2026, 10, 3, 9, i)))).kind).toBe('stored');
    }
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${store.schema}`);
    env = { DATABASE_URL: url.toString(), SLUIS_OPERATOR: 'operator-1' };
    registryFile = join(mkdtempSync(join(tmpdir(), 'sluis-replay-')), 'now.registry.json');
    writeFileSync(registryFile, JSON.stringify(NOW_DOC));
  });
  afterAll(async () => {
    await store?.drop();
  });

  it('dry-run prints the diff summary and each change', async () => {
    const c = await replay(
      ['--from', '2026-11-01', '--to', '2026-12-01', '--dry-run', '--registry', registryFile, '--today', '2026-11-23'],
      env,
    );
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain('Replay DRY-RUN');
    expect(c.stdout).toContain('selected 30  unchanged 10  changed 20');
    expect(c.stdout).toContain('suppress→route');
    expect(c.stdout).toMatch(
      /323 42420001→0384 .* was suppressed by contract K1, now routed to 0384 under contract K2 because outputgericht/,
    );
    expect(c.stderr).toMatch(/^replay: 30\/30 done/m); // plain progress line, not a bar
    for (let i = 0; i < 30; i++) expect(c.stdout + c.stderr).not.toContain(testBsn(800 + i));
  });

  it('--json gives the versioned report; a TTY gets a progress bar', async () => {
    const c = await replay(
      [
        '--from',
        '2026-11-01',
        '--to',
        '2026-12-01',
        '--bericht',
        '323',
        '--dry-run',
        '--json',
        '--registry',
        registryFile,
        '--today',
        '2026-11-23',
      ],
      env,
      true,
    );
    expect(c.code).toBe(0);
    const report = JSON.parse(c.stdout) as { counts: { selected: number; changed: number }; operator: string; changes: unknown[] };
    const validate = schemaValidator().compile(JSON.parse(readFileSync('schemas/events/replay-run.v1.schema.json', 'utf8')));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report).toMatchObject({ operator: 'operator-1', counts: { selected: 20, changed: 20 } });
    const t = await replay(
      ['--from', '2026-11-01', '--to', '2026-12-01', '--dry-run', '--registry', registryFile, '--today', '2026-11-23'],
      env,
      true,
    );
    expect(t.stderr).toMatch(/\r\[#+\] 100% 30\/30/);
  });

  it('a real run re-delivers what changed, once', async () => {
    const c = await replay(
      ['--from', '2026-11-01', '--to', '2026-12-01', '--rate', '500/s', '--registry', registryFile, '--today', '2026-11-23'],
      env,
    );
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('changed 20  re-delivered 20');
    const again = await replay(['--from', '2026-11-01', '--to', '2026-12-01', '--registry', registryFile, '--today', '2026-11-23'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('unchanged 30  changed 0  re-delivered 0');
    const runs = await store.db.query<{ operator: string; dry_run: boolean; selection: { from: { at: string } } }>(
      'SELECT operator, dry_run, selection FROM replay_runs ORDER BY started_at',
    );
    expect(runs.rows.map((r) => r.dry_run)).toEqual([true, true, true, false, false]);
    expect(runs.rows.every((r) => r.operator === 'operator-1' && r.selection.from.at === '2026-11-01T00:00:00.000Z')).toBe(true);
  });

  it('bad options are usage errors (exit 2) with a machine-readable code', async () => {
    const cases: [string[], string][] = [
      [['--to', '2026-12-01'], 'missing-option'],
      [['--from', 'yesterday', '--to', '2026-12-01'], 'invalid-value'],
      [['--from', '2026-12-01', '--to', '2026-11-01'], 'empty-range'],
      [['--from', '2026-11-01', '--to', '100'], 'mixed-range'],
      [['--from', '0', '--to', '100'], 'invalid-value'], // offsets without Kafka
      [['--from', '2026-11-01', '--to', '2026-12-01', '--bericht', '999'], 'invalid-value'],
      [['--from', '2026-11-01', '--to', '2026-12-01', '--rate', 'fast'], 'invalid-value'],
      [['--from', '2026-11-01', '--to', '2026-12-01', '--registry', '/nonexistent.json'], 'invalid-registry'],
    ];
    for (const [args, code] of cases) {
      const c = await replay([...args, '--json'], env);
      expect(c.code, args.join(' ')).toBe(2);
      expect(JSON.parse(c.stdout), args.join(' ')).toMatchObject({ error: code });
    }
    const u = await replay(['--frm', 'x'], env);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("unknown option '--frm'");
  });
});
