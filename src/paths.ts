/**
 * Where the project's own files are, whether running from src/ (tsx, vitest) or dist/src/ (node):
 * the nearest folder upwards holding package.json. Resolved per call from a module URL — no state.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('project root not found above ' + fileURLToPath(from));
    dir = up;
  }
}

/** The reference data folder (../shared beside the repository), overridable with SLUIS_SHARED. */
export function sharedDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(env.SLUIS_SHARED ?? join(projectRoot(), '..', 'shared'));
}

/** The demo parties config shipped in the repository (published keys; `npm start` without SLUIS_PARTIES). */
export function demoPartiesPath(): string {
  return join(projectRoot(), 'config', 'demo.parties.json');
}

/** The demo contract registry shipped in the repository. */
export function demoRegistryPath(): string {
  return join(projectRoot(), 'config', 'demo.registry.json');
}
