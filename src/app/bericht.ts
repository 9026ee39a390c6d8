/**
 * What `sluis bericht` needs: the store the settings name, opened as `serve` opens it, and the
 * berichten service over it with the access log (decision 0033), so a read from the command line is
 * recorded like one over the API or in the console. On PGlite the data folder is refused while a
 * gateway has it open (read the bericht over `GET /api/v1/berichten/{id}` then).
 */
import { berichtenService, type BerichtenService } from '../pipeline/berichten.js';
import { toegangslogService } from '../pipeline/toegangslog.js';
import { inUseMessage, lockDataDir, type DataDirLock } from './data-lock.js';
import type { Settings } from './settings.js';
import { openStore } from './start.js';

export type BerichtWiring =
  | { readonly ok: true; readonly berichten: BerichtenService; close(): Promise<void> }
  | { readonly ok: false; readonly code: 'data-dir-in-use'; readonly message: string };

export async function openBerichten(settings: Settings): Promise<BerichtWiring> {
  let lock: DataDirLock | undefined;
  if (settings.store.kind === 'pglite') {
    const taken = lockDataDir(settings.store.dataDir, 'bericht');
    if ('heldBy' in taken)
      return { ok: false, code: 'data-dir-in-use', message: inUseMessage(settings.store.dataDir, taken.heldBy, 'bericht') };
    lock = taken;
  }
  try {
    const opened = await openStore(settings.store, { worker: false });
    return {
      ok: true,
      berichten: berichtenService(
        opened.db,
        toegangslogService(opened.db, () => new Date()),
      ),
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
