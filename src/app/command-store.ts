/**
 * The store a command that is one short run (`sluis bericht`, `termijnen`, `toegangslog`, `import`,
 * `replay`) works on: the one the settings name, opened as `serve` opens it but on the main thread.
 * On PGlite the data folder is taken for the command and refused while a gateway has it open: a second
 * process on the same folder would corrupt both (see data-lock.ts).
 */
import type { OpenedDb } from '../store/db.js';
import { inUseMessage, lockDataDir, type DataDirLock } from './data-lock.js';
import type { Settings } from './settings.js';
import { openStore } from './start.js';

/** The services a command asked for over the store, and `close` (store, then lock). */
export type CommandStore<S extends object> = { readonly ok: true; close(): Promise<void> } & S;

/** The store opened for the command, or why not. */
export type CommandWiring<S extends object> =
  CommandStore<S> | { readonly ok: false; readonly code: 'data-dir-in-use'; readonly message: string };

/** `command` names the holder in the lock file and in the refusal; `services` builds what it reads through. */
export async function openForCommand<S extends object>(
  settings: Settings,
  command: 'bericht' | 'termijnen' | 'toegangslog' | 'import' | 'replay',
  services: (opened: Pick<OpenedDb, 'db' | 'kind'>) => S,
): Promise<CommandWiring<S>> {
  let lock: DataDirLock | undefined;
  if (settings.store.kind === 'pglite') {
    const taken = lockDataDir(settings.store.dataDir, command);
    if ('heldBy' in taken)
      return { ok: false, code: 'data-dir-in-use', message: inUseMessage(settings.store.dataDir, taken.heldBy, command) };
    lock = taken;
  }
  try {
    const opened = await openStore(settings.store, { worker: false });
    return {
      ok: true,
      ...services(opened),
      close: async () => {
        try {
          await opened.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
