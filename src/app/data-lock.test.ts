import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, dataDirHolder, inUseMessage, lockDataDir } from './data-lock.js';

describe('PGlite data folder lock', () => {
  it('one holder at a time; released, the folder is free again', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sluis-lock-')), 'data');
    const a = lockDataDir(dir, 'serve');
    expect('file' in a).toBe(true);
    expect(dataDirHolder(dir)).toMatchObject({ pid: process.pid, command: 'serve' });
    const b = lockDataDir(dir, 'replay');
    expect(b).toMatchObject({ heldBy: { pid: process.pid, command: 'serve' } });
    if ('heldBy' in b) expect(inUseMessage(dir, b.heldBy, 'replay')).toMatch(/in use by a running gateway.*POST \/api\/v1\/replays/);
    if ('release' in a) a.release();
    expect(dataDirHolder(dir)).toBeUndefined();
    const c = lockDataDir(dir, 'replay');
    expect('file' in c).toBe(true);
    if ('release' in c) c.release();
  });

  it('takes over a stale lock whose process is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluis-lock-'));
    // A pid far above any pid_max: no such process.
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 30, command: 'serve', since: '2026-01-01T00:00:00Z' }));
    expect(dataDirHolder(dir)).toBeUndefined();
    const l = lockDataDir(dir, 'serve');
    expect('file' in l).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  });
});
