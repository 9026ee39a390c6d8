/**
 * What a `sluis replay` run needs, built as the gateway builds it: the parties config (so a changed
 * bericht is re-delivered through the same channels as at ingest, webhook rows included), today's
 * rules for the given day, and the store. The CLI only parses arguments and prints. With
 * `registryAsOf` the contracts are the stored registry version in force at that moment (decision 0032),
 * as `POST /api/v1/replays` with `registryAsOf` decides, instead of a file's.
 */
import { ConfigError } from '../config/parties.js';
import { createRegistryChecker } from '../contracts/registry.js';
import { createChannels } from '../deliver/index.js';
import type { DeliveryChannel } from '../deliver/channel.js';
import type { Registry } from '../contracts/types.js';
import type { ReplayDecider } from '../replay/decider.js';
import { registryVersieAsOf } from '../store/contract-registry/as-of.js';
import type { Db } from '../store/db.js';
import { openForCommand } from './command-store.js';
import { readRegistry, replayDeciderFor } from './rules.js';
import type { Settings } from './settings.js';
import { loadParties } from './start.js';

export interface ReplayWiring {
  readonly db: Db;
  readonly channels: readonly DeliveryChannel[];
  readonly decider: ReplayDecider;
  /** The stored registry version decided under (only with `registryAsOf`). */
  readonly registry?: { readonly asOf: string; readonly versie: number };
  close(): Promise<void>;
}

export type ReplayWiringResult =
  | ({ readonly ok: true } & ReplayWiring)
  | {
      readonly ok: false;
      readonly code: 'invalid-config' | 'invalid-registry' | 'no-registry-version' | 'data-dir-in-use';
      readonly message: string;
    };

/**
 * `registryFile`: today's rules (absent: the gateway's default, route to the header's other party).
 * `registryAsOf`: the stored registry as of then instead (the file is then not read).
 */
export async function openReplay(
  settings: Settings,
  o: { registryFile?: string; registryAsOf?: Date; today: string },
): Promise<ReplayWiringResult> {
  let parties;
  try {
    parties = loadParties(settings);
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, code: 'invalid-config', message: err.message };
    throw err;
  }
  const registry = o.registryFile && !o.registryAsOf ? await readRegistry(o.registryFile) : undefined;
  if (registry && !registry.ok) return { ok: false, code: 'invalid-registry', message: registry.errors };
  // PGlite: refused while a gateway (or another replay) has the folder open; held while we run.
  const store = await openForCommand(settings, 'replay', ({ db }) => ({ db }));
  if (!store.ok) return store;
  try {
    const db = store.db;
    let asOf: { registry: Registry; versie: number } | undefined;
    if (o.registryAsOf) {
      const row = await registryVersieAsOf(db, o.registryAsOf);
      const at = o.registryAsOf.toISOString();
      if (!row) {
        await store.close();
        return {
          ok: false,
          code: 'no-registry-version',
          message: `no contract registry version was recorded in the store at or before ${at}`,
        };
      }
      const check = createRegistryChecker().check(row.document, `stored registry version ${row.versie}`);
      if (!check.ok) {
        await store.close();
        const problems = check.errors.map((e) => `${e.path}: ${e.reason}`).join('; ');
        return { ok: false, code: 'invalid-registry', message: `stored registry version ${row.versie} is not valid: ${problems}` };
      }
      asOf = { registry: check.registry, versie: Number(row.versie) };
    }
    const rules = asOf?.registry ?? (registry?.ok ? registry.registry : undefined);
    const decider = await replayDeciderFor(db, { ...(rules ? { registry: rules } : {}), today: o.today });
    return {
      ok: true,
      db,
      channels: createChannels({ parties: parties.parties }),
      decider,
      ...(asOf && o.registryAsOf ? { registry: { asOf: o.registryAsOf.toISOString(), versie: asOf.versie } } : {}),
      close: () => store.close(),
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
