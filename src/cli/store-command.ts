/**
 * What the commands that read the store (`sluis bericht`, `sluis termijnen`, `sluis toegangslog`)
 * share: the settings from the environment and the store opened for the command, and their tables.
 */
import type { CommandStore, CommandWiring } from '../app/command-store.js';
import type { Settings } from '../app/settings.js';
import type { CliIO } from './main.js';

/**
 * The store `open` gives for the settings in the environment; or, having said why, the exit code: a
 * bad setting goes to `usage`, a data folder in use is 2.
 */
export async function openStoreFor<S extends object>(
  io: CliIO,
  command: string,
  usage: (why: string) => number,
  open: (settings: Settings) => Promise<CommandWiring<S>>,
): Promise<CommandStore<S> | number> {
  const { SettingsError, settingsFromEnv } = await import('../app/settings.js');
  let settings;
  try {
    settings = settingsFromEnv(io.env, io.cwd);
  } catch (err) {
    if (err instanceof SettingsError) return usage(err.message);
    throw err;
  }
  const wiring = await open(settings);
  if (!wiring.ok) {
    io.stderr(`sluis ${command}: ${wiring.message}\n`);
    return 2;
  }
  return wiring;
}

/** The head row and the rows, each column as wide as its widest cell, two spaces apart, no trailing blanks. */
export function printTable(io: CliIO, table: readonly (readonly string[])[]): void {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table)
    io.stdout(
      `${row
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
}
