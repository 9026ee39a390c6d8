import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BerichtId, MessageDef } from '../../src/standard/model.js';

/**
 * The repository root, found by walking up from this file to the first package.json. Works both
 * from `test/support/*.ts` (vitest, tsx) and from the compiled `dist/test/support/*.js` (bench).
 */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tsconfig.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root (package.json + tsconfig.json) not found');
    dir = up;
  }
}

/** The shared reference data: `SLUIS_SHARED`, else `<repo>/../shared`. */
export function sharedDir(): string {
  const env = process.env['SLUIS_SHARED'];
  return env !== undefined && env !== '' ? resolve(env) : resolve(repoRoot(), '..', 'shared');
}

/** The published XSD for one message: `../shared/istandaarden/xsd/{ijw,iwmo}/3.2/<ID>.xsd`. */
export function xsdPath(message: MessageDef | BerichtId, shared: string = sharedDir()): string {
  const id = typeof message === 'string' ? message : message.id;
  const standard = id.startsWith('JW') ? 'ijw' : 'iwmo';
  return join(shared, 'istandaarden', 'xsd', standard, '3.2', `${id}.xsd`);
}

/** The hand-made example berichten (iJw only): `../shared/istandaarden/samples/ijw`. */
export function samplesDir(shared: string = sharedDir()): string {
  return join(shared, 'istandaarden', 'samples', 'ijw');
}
