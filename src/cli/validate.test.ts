import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { parseArgs, todayInNl } from './validate.js';

/** `sluis …` in process, from the repository root. */
const sluis = (...args: string[]): ReturnType<typeof runCli> => runCli(args);

const jsonLines = (s: string): Record<string, unknown>[] =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('sluis validate', () => {
  it('--json on valid samples: one line each, exit 0', async () => {
    const r = await sluis('validate', '--json', 'samples/ijw/JW301.xml', 'samples/iwmo/WMO323.xml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([
      { file: 'samples/ijw/JW301.xml', standard: 'ijw', bericht: 'JW301', valid: true, issues: [] },
      { file: 'samples/iwmo/WMO323.xml', standard: 'iwmo', bericht: 'WMO323', valid: true, issues: [] },
    ]);
  });

  it('--json with an L1 and an L2 failure: the issues per file, exit 1', async () => {
    const r = await sluis(
      'validate',
      '--json',
      'samples/invalid/L2-CS002-bsn-elfproef.xml',
      'samples/ijw/JW305.xml',
      'samples/invalid/L1-agb-pattern.xml',
    );
    expect(r.code).toBe(1);
    const [l2, ok, l1] = jsonLines(r.stdout);
    expect(l2).toMatchObject({ file: 'samples/invalid/L2-CS002-bsn-elfproef.xml', standard: 'ijw', bericht: 'JW305', valid: false });
    expect(l2!['issues']).toEqual([expect.objectContaining({ level: 'L2', path: '/Bericht/Client/Bsn', code: 'CS002' })]);
    expect(ok).toMatchObject({ valid: true, bericht: 'JW305' });
    expect(l1).toMatchObject({ standard: 'ijw', bericht: 'JW305', valid: false });
    expect(l1!['issues']).toEqual([{ level: 'L1', path: '/Bericht/Header/Afzender', code: 'pattern', message: expect.any(String) }]);
    // The output never carries the BSN itself (privacy: BSNs are not in error texts).
    expect(r.stdout).not.toContain('999912300');
  });

  it('an unidentifiable file: standard and bericht null', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluis-cli-'));
    const f = join(dir, 'not-a-bericht.xml');
    writeFileSync(f, '<?xml version="1.0"?><foo xmlns="urn:x"/>');
    const r = await sluis('validate', '--json', f);
    expect(r.code).toBe(1);
    const [line] = jsonLines(r.stdout);
    expect(line).toMatchObject({ file: f, standard: null, bericht: null, valid: false });
    expect((line!['issues'] as { code: string }[])[0]?.code).toBe('unknown-namespace');
  });

  it('without --json: a readable line per file and indented issues', async () => {
    const r = await sluis('validate', 'samples/ijw/JW319.xml', 'samples/invalid/L2-CD085-reden-afwijzing-ontbreekt.xml');
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('samples/ijw/JW319.xml: valid JW319 (ijw)');
    expect(lines[1]).toMatch(/^samples\/invalid\/L2-CD085-reden-afwijzing-ontbreekt\.xml: INVALID WMO319 \(iwmo\), \d+ issues? \(L2\)$/);
    expect(lines[2]).toMatch(/^ {2}L2 CD085 \/Bericht\/Antwoord/);
  });

  it('usage errors exit 2: no files, unknown option', async () => {
    const none = await sluis('validate', '--json');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no files given');
    expect(none.stdout).toBe('');
    const bad = await sluis('validate', '--jsn', 'samples/ijw/JW301.xml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown option '--jsn'");
  });

  it('an unreadable file is still reported, the others validated, exit 2', async () => {
    const r = await sluis('validate', '--json', 'samples/ijw/does-not-exist.xml', 'samples/ijw/JW301.xml');
    expect(r.code).toBe(2);
    const [missing, ok] = jsonLines(r.stdout);
    expect(missing).toEqual({
      file: 'samples/ijw/does-not-exist.xml',
      standard: null,
      bericht: null,
      valid: false,
      issues: [],
      error: 'cannot read file (ENOENT)',
    });
    expect(ok).toMatchObject({ valid: true, bericht: 'JW301' });
  });
});

describe('validate argument handling', () => {
  it('parses options and files; -- ends the options', () => {
    expect(parseArgs(['--json', 'a.xml', 'b.xml'])).toEqual({ json: true, help: false, files: ['a.xml', 'b.xml'] });
    expect(parseArgs(['--', '--json'])).toEqual({ json: false, help: false, files: ['--json'] });
    expect(parseArgs([]).error).toBe('no files given');
    expect(parseArgs(['-x', 'a.xml']).error).toBe("unknown option '-x'");
    expect(parseArgs(['--help']).help).toBe(true);
  });

  it('today is the Dutch calendar date', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Amsterdam (UTC+1 in winter).
    expect(todayInNl(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayInNl(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(todayInNl(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});
