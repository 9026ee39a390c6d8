/**
 * What `sluis termijnen` needs: the store the settings name, opened as `serve` opens it, and the
 * termijnen service over it. On PGlite the data folder is refused while a gateway has it open (read
 * them over `GET /api/v1/termijnen` then).
 */
import type { TermijnenService } from '../pipeline/termijnen.js';
import { termijnenService } from '../pipeline/termijnen.js';
import { inUseMessage, lockDataDir, type DataDirLock } from './data-lock.js';
import type { Settings } from './settings.js';
import { openStore } from './start.js';

export type TermijnenWiring =
  | { readonly ok: true; readonly termijnen: TermijnenService; close(): Promise<void> }
  | { readonly ok: false; readonly code: 'data-dir-in-use'; readonly message: string };

export async function openTermijnen(settings: Settings): Promise<TermijnenWiring> {
  let lock: DataDirLock | undefined;
  if (settings.store.kind === 'pglite') {
    const taken = lockDataDir(settings.store.dataDir, 'termijnen');
    if ('heldBy' in taken)
      return { ok: false, code: 'data-dir-in-use', message: inUseMessage(settings.store.dataDir, taken.heldBy, 'termijnen') };
    lock = taken;
  }
  try {
    const opened = await openStore(settings.store, { worker: false });
    return {
      ok: true,
      termijnen: termijnenService(opened.db),
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
