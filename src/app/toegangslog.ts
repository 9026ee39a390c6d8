/**
 * What `sluis toegangslog` needs: the store the settings name, opened as `serve` opens it, and the
 * access log service over it (decision 0033). On PGlite the data folder is refused while a gateway has
 * it open (read it over `GET /api/v1/toegangslog` then).
 */
import { toegangslogService, type ToegangslogService } from '../pipeline/toegangslog.js';
import { inUseMessage, lockDataDir, type DataDirLock } from './data-lock.js';
import type { Settings } from './settings.js';
import { openStore } from './start.js';

export type ToegangslogWiring =
  | { readonly ok: true; readonly toegangslog: ToegangslogService; close(): Promise<void> }
  | { readonly ok: false; readonly code: 'data-dir-in-use'; readonly message: string };

export async function openToegangslog(settings: Settings): Promise<ToegangslogWiring> {
  let lock: DataDirLock | undefined;
  if (settings.store.kind === 'pglite') {
    const taken = lockDataDir(settings.store.dataDir, 'toegangslog');
    if ('heldBy' in taken)
      return { ok: false, code: 'data-dir-in-use', message: inUseMessage(settings.store.dataDir, taken.heldBy, 'toegangslog') };
    lock = taken;
  }
  try {
    const opened = await openStore(settings.store, { worker: false });
    return {
      ok: true,
      toegangslog: toegangslogService(opened.db, () => new Date()),
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
