import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { repoRoot } from '../../test/support/paths.js';

interface Spawned {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real process entry (`node src/cli/main.ts` through tsx); `closeStdout` closes the reader's end at once. */
function spawnSluis(args: readonly string[], closeStdout = false): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: repoRoot() });
    let stdout = '';
    let stderr = '';
    if (closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sluis (main)', () => {
  it('without a command: usage on stderr, exit 2; --help: usage on stdout, exit 0', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^usage: sluis <command>/);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: sluis <command>/);
    for (const c of ['validate', 'retour', 'serve', 'explain', 'replay', 'import']) expect(help.stdout).toContain(`  ${c} `);
  });

  it('an unknown command is a usage error (exit 2)', async () => {
    const r = await runCli(['valdate', 'x.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("sluis: unknown command 'valdate'");
  });

  // The one spawned test: everything else runs in process through main(argv, io). This covers what
  // only the process entry does: main's result becomes the exit code, and a reader that closes the
  // pipe early (`sluis validate … | head`) ends the process quietly instead of with an EPIPE stack.
  it('the process entry: the exit code is the command’s, and a closed stdout is not an error (spawned)', async () => {
    const [invalid, closed] = await Promise.all([
      spawnSluis(['validate', '--json', 'samples/invalid/L1-agb-pattern.xml']),
      spawnSluis(['validate', 'samples/ijw/JW301.xml', 'samples/ijw/JW305.xml', 'samples/ijw/JW315.xml'], true),
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe('');
    expect(JSON.parse(invalid.stdout)).toMatchObject({ file: 'samples/invalid/L1-agb-pattern.xml', valid: false });
    expect(closed.stderr).toBe('');
    expect(closed.code).toBe(0);
  });
});
