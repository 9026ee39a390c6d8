/**
 * What a `sluis replay` run needs, built as the gateway builds it: the parties config (so a changed
 * bericht is re-delivered through the same channels as at ingest, webhook rows included), today's
 * rules for the given day, and the store. The CLI only parses arguments and prints.
 */
import { ConfigError } from '../config/parties.js';
import { createChannels } from '../deliver/index.js';
import type { DeliveryChannel } from '../deliver/channel.js';
import type { ReplayDecider } from '../replay/decider.js';
import type { Db } from '../store/db.js';
import { inUseMessage, lockDataDir, type DataDirLock } from './data-lock.js';
import { readRegistry, replayDeciderFor } from './rules.js';
import type { Settings } from './settings.js';
import { loadParties, openStore } from './start.js';

export interface ReplayWiring {
  readonly db: Db;
  readonly channels: readonly DeliveryChannel[];
  readonly decider: ReplayDecider;
  close(): Promise<void>;
}

export type ReplayWiringResult =
  | ({ readonly ok: true } & ReplayWiring)
  | { readonly ok: false; readonly code: 'invalid-config' | 'invalid-registry' | 'data-dir-in-use'; readonly message: string };

/** `registryFile`: today's rules (absent: the gateway's default, route to the header's other party). */
export async function openReplay(settings: Settings, o: { registryFile?: string; today: string }): Promise<ReplayWiringResult> {
  let parties;
  try {
    parties = loadParties(settings);
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, code: 'invalid-config', message: err.message };
    throw err;
  }
  const registry = o.registryFile ? await readRegistry(o.registryFile) : undefined;
  if (registry && !registry.ok) return { ok: false, code: 'invalid-registry', message: registry.errors };
  // PGlite: refused while a gateway (or another replay) has the folder open; held while we run.
  let lock: DataDirLock | undefined;
  if (settings.store.kind === 'pglite') {
    const taken = lockDataDir(settings.store.dataDir, 'replay');
    if ('heldBy' in taken)
      return { ok: false, code: 'data-dir-in-use', message: inUseMessage(settings.store.dataDir, taken.heldBy, 'replay') };
    lock = taken;
  }
  const close = async (opened?: { close(): Promise<void> }): Promise<void> => {
    try {
      await opened?.close();
    } finally {
      lock?.release();
    }
  };
  let opened;
  try {
    // PGlite on the main thread: a replay is one short-lived process, not a server.
    opened = await openStore(settings.store, { worker: false });
    const db = opened.db;
    const decider = await replayDeciderFor(db, { ...(registry?.ok ? { registry: registry.registry } : {}), today: o.today });
    const store = opened;
    return { ok: true, db, channels: createChannels({ parties: parties.parties }), decider, close: () => close(store) };
  } catch (err) {
    await close(opened);
    throw err;
  }
}
