/**
 * `sluis import [--json] [--operator NAME] <folder|zip>`
 *
 * Takes historical berichten in through the gateway's pipeline without delivering them (src/app/import.ts)
 * and moves each pair's state horizon back to the earliest imported Dagtekening. Store: DATABASE_URL,
 * else PGlite in SLUIS_DATA_DIR (refused while a gateway has that folder open). Parties and rules as
 * `serve` reads them (SLUIS_PARTIES, SLUIS_REGISTRY). Idempotent: a second run imports nothing new.
 * Exit codes: 0 done, 1 some files were not imported (listed), 2 usage or configuration, 70 internal.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { CliIO } from './main.js';

const USAGE = `usage: sluis import [--json] [--operator NAME] <folder|zip>
  every .xml file in the folder (recursively) or the zip archive is taken in as history: validated,
  decided and journaled, never delivered; the state horizon of each gemeente–aanbieder pair moves back
  to the earliest imported Dagtekening (docs/validation.md)
  env: DATABASE_URL | SLUIS_DATA_DIR, SLUIS_PARTIES, SLUIS_REGISTRY
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  let json = false;
  let operator: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      io.stdout(USAGE);
      return 0;
    }
    if (a === '--json') json = true;
    else if (a === '--operator') operator = args[++i];
    else if (a.startsWith('--operator=')) operator = a.slice('--operator='.length);
    else if (a.startsWith('-')) {
      io.stderr(`sluis import: unknown option '${a}'\n${USAGE}`);
      return 2;
    } else rest.push(a);
  }
  if (rest.length !== 1 || operator === '') {
    io.stderr(`sluis import: ${rest.length === 1 ? '--operator needs a name' : 'give one folder or zip file'}\n${USAGE}`);
    return 2;
  }
  const fail = (code: string, message: string): number => {
    if (json) io.stdout(`${JSON.stringify({ error: code, message })}\n`);
    else io.stderr(`sluis import: ${message}\n`);
    return 2;
  };
  const { SettingsError, settingsFromEnv } = await import('../app/settings.js');
  let settings;
  try {
    settings = settingsFromEnv(io.env, io.cwd);
  } catch (err) {
    if (err instanceof SettingsError) return fail('invalid-config', err.message);
    throw err;
  }
  const { runImport } = await import('../app/import-run.js');
  const { formatImportReport } = await import('../app/import.js');
  const r = await runImport(settings, resolve(io.cwd, rest[0]!), { operator: operator ?? io.env['SLUIS_OPERATOR'] ?? safeUser() });
  if (!r.ok) return fail(r.code, r.message);
  io.stdout(json ? `${JSON.stringify(r.report)}\n` : formatImportReport(r.report));
  return r.report.problems.length > 0 ? 1 : 0;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
