/**
 * `npm start` runs the script through `sh -c`; without `exec` the shell stays between npm and node,
 * and a SIGTERM to npm (a supervisor, a container runtime, Ctrl-C in some terminals) stopped npm and
 * the shell but left the gateway running. This starts the real `npm start` (build included) and
 * checks the gateway's own process is gone after npm gets SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sluis-npm-start-'));
let leftover: number | undefined;
afterAll(() => {
  if (leftover !== undefined && alive(leftover)) process.kill(leftover, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it('stops the gateway when npm gets SIGTERM', { timeout: 180_000 }, async () => {
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SLUIS_DATA_DIR: join(dir, 'data'), SLUIS_VALIDATE_THREADS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const npmExit = new Promise<void>((r) => npm.on('exit', () => r()));
    let out = '';
    npm.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const gatewayPid = await new Promise<number>((res, rej) => {
      npm.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /\{[^\n]*"event":"listening"[^\n]*/.exec(out);
        if (m) res((JSON.parse(m[0]) as { pid: number }).pid);
      });
      npm.on('exit', (code) => rej(new Error(`npm start exited (${code}) before listening:\n${out}`)));
    });
    leftover = gatewayPid;
    expect(gatewayPid).not.toBe(npm.pid);
    npm.kill('SIGTERM');
    await npmExit;
    const deadline = Date.now() + 15_000;
    while (alive(gatewayPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(gatewayPid), 'the gateway still runs after npm got SIGTERM').toBe(false);
    expect(out).toContain('"event":"stopped"');
  });
});
