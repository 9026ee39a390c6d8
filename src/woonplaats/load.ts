/**
 * The file edge of the woonplaats sources: the CBS gemeente list from the shared reference data
 * (`$SLUIS_SHARED` or `<repo>/../shared`) and an optional postcode range table.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createGemeenteRegister, parseCbsCsv, type GemeenteRegister } from './gemeenten.js';
import { HERINDELINGEN } from './herindelingen.js';
import { createPostcodeTabel, parsePostcodeCsv, type PostcodeTabel } from './postcode.js';

export function sharedDir(env: Readonly<Record<string, string | undefined>>, repoRoot: string): string {
  return env.SLUIS_SHARED ? resolve(env.SLUIS_SHARED) : resolve(repoRoot, '..', 'shared');
}

export function cbsListPath(shared: string): string {
  return join(shared, 'istandaarden', 'codelists', 'cbs-gemeentecodes-2026-with-jeugdzorgregio.csv');
}

export async function loadGemeenteRegister(file: string): Promise<GemeenteRegister> {
  return createGemeenteRegister(parseCbsCsv(await readFile(file, 'utf8')), HERINDELINGEN);
}

export async function loadPostcodeTabel(file: string): Promise<PostcodeTabel> {
  return createPostcodeTabel(parsePostcodeCsv(await readFile(file, 'utf8')));
}
