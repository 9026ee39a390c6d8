/**
 * One process at a time on a PGlite data folder. PGlite is PostgreSQL in this process: a second
 * process opening the same folder (a `sluis replay` while `sluis serve` runs) would run a second
 * postmaster on the same files and corrupt or kill both. `serve` and `replay` each hold a lock file
 * in the folder while they use it; a lock whose process is gone (a crash, kill -9) is stale and taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'sluis.lock';

export interface LockHolder {
  readonly pid: number;
  /** What holds it: `serve` or `replay`. */
  readonly command: string;
  readonly since: string;
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(file: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' ? { pid: h.pid, command: String(h.command ?? '?'), since: String(h.since ?? '?') } : undefined;
  } catch {
    return undefined;
  }
}

/** The live process holding the folder, if any (a stale lock is no holder). */
export function dataDirHolder(dataDir: string): LockHolder | undefined {
  const h = read(join(dataDir, LOCK_FILE));
  return h && alive(h.pid) ? h : undefined;
}

/** Takes the folder for this process, or returns the live process that holds it. */
export function lockDataDir(dataDir: string, command: string): DataDirLock | { readonly heldBy: LockHolder } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const h = read(file);
      if (h && alive(h.pid)) return { heldBy: h };
      unlinkSync(file); // stale: its process is gone
      continue;
    }
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() }));
    } finally {
      closeSync(fd);
    }
    return {
      file,
      release() {
        if (read(file)?.pid === process.pid) unlinkSync(file);
      },
    };
  }
  throw new Error(`cannot take the lock ${file}`);
}

/** What to tell someone whose command found the folder in use. */
export function inUseMessage(
  dataDir: string,
  h: LockHolder,
  wanted: 'serve' | 'replay' | 'import' | 'termijnen' | 'toegangslog' | 'bericht',
): string {
  const who = `${h.command === 'serve' ? 'a running gateway (sluis serve)' : `sluis ${h.command}`}, pid ${h.pid}, since ${h.since}`;
  const hint =
    wanted === 'replay' && h.command === 'serve'
      ? 'replay through that gateway instead: POST /api/v1/replays with an operator key (docs/api.md), or stop it first'
      : wanted === 'termijnen' && h.command === 'serve'
        ? 'read them from that gateway instead: GET /api/v1/termijnen (docs/api.md)'
        : wanted === 'toegangslog' && h.command === 'serve'
          ? 'read it from that gateway instead: GET /api/v1/toegangslog with an operator key (docs/api.md)'
          : wanted === 'bericht' && h.command === 'serve'
            ? 'read it from that gateway instead: GET /api/v1/berichten/{id} (docs/api.md)'
            : 'wait for it to finish or stop it first';
  return `the data folder ${dataDir} is in use by ${who}; PGlite cannot open it from a second process — ${hint}`;
}
