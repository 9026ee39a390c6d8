/**
 * The file edge of the registry: read a JSON file and hand it to the pure checker. Every failure
 * (missing file, bad JSON, schema, overlap) comes back as RegistryError values with file, JSON path
 * and reason; nothing throws.
 */
import { readFile } from 'node:fs/promises';
import type { RegistryCheck, RegistryChecker } from './registry.js';

export async function loadRegistryFile(file: string, checker: RegistryChecker): Promise<RegistryCheck> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    return { ok: false, errors: [{ source: file, path: '$', reason: `cannot read the file (${code})` }] };
  }
  return parseRegistryText(text, file, checker);
}

/** Parse JSON text and check it; JSON syntax errors carry the parser's position. */
export function parseRegistryText(text: string, source: string, checker: RegistryChecker): RegistryCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ source, path: '$', reason: `not valid JSON: ${(e as Error).message}` }] };
  }
  return checker.check(value, source);
}

/** One line per error, for logs and the CLI: `file: $.contracten[1].periode.van: reason`. */
export function formatRegistryErrors(check: RegistryCheck): string {
  if (check.ok) return '';
  return check.errors.map((e) => `${e.source}: ${e.path}: ${e.reason}`).join('\n');
}
