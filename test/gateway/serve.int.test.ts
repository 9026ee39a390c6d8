/**
 * `sluis serve` as a process: without SLUIS_PARTIES its first log line says it runs the demo config;
 * an invalid config stops it with exit code 2 and every problem named; SIGTERM stops it cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sluis-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function serve(env: Record<string, string>, untilListening: boolean): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
      cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SLUIS_DATA_DIR: join(dir, 'data'), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let signalled = false;
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (untilListening && !signalled && out.includes('"event":"listening"')) { signalled = true; proc.kill('SIGTERM'); }
    });
    proc.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    proc.on('exit', (code, signal) => done({ code: code ?? (signal ? -1 : null), out }));
  });
}

describe('sluis serve', () => {
  it('says in its first log line that it runs the demo config, and stops cleanly on SIGTERM', async () => {
    const { code, out } = await serve({ SLUIS_PARTIES: '' }, true);
    const first = JSON.parse(out.split('\n')[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ event: 'config', demo: true });
    expect(String(first.msg)).toMatch(/DEMO parties config .*demo\.parties\.json/);
    expect(code, out).toBe(0);
    expect(out).toContain('"event":"stopped"');
  }, 60_000);

  it('refuses an invalid parties config with exit code 2, naming every problem', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ parties: [{ role: 'gemeente', code: '12', name: 'x', apiKeys: [{ id: 'k', sha256: 'abc' }] }] }));
    const { code, out } = await serve({ SLUIS_PARTIES: file }, false);
    expect(code).toBe(2);
    expect(out).toContain('parties[0].code');
    expect(out).toContain('parties[0].apiKeys[0].sha256');
    expect(out).not.toContain('"event":"listening"');
  }, 60_000);
});
