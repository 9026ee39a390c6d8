/**
 * What `sluis import` runs: the gateway's pipeline built as `serve` builds it (parties config, today's
 * rules, the store) but not started — no listener, no delivery workers, no Kafka — and the import
 * through it. The CLI only parses arguments and prints.
 */
import pino from 'pino';
import { ConfigError } from '../config/parties.js';
import type { BuildRetourFn, ValidateFn } from '../pipeline/types.js';
import { systemClock, type Clock } from './clock.js';
import { openForCommand } from './command-store.js';
import { createApp } from './gateway.js';
import { readImportSource, type ImportReport } from './import.js';
import { conversationBronnen, loadRules } from './rules.js';
import type { Settings } from './settings.js';
import { loadParties } from './start.js';
import { ZipError } from './zip.js';

export type ImportRunResult =
  | { readonly ok: true; readonly report: ImportReport }
  | {
      readonly ok: false;
      readonly code: 'invalid-config' | 'invalid-source' | 'data-dir-in-use';
      readonly message: string;
    };

export async function runImport(settings: Settings, source: string, o: { operator: string; clock?: Clock }): Promise<ImportRunResult> {
  let parties;
  try {
    parties = loadParties(settings);
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, code: 'invalid-config', message: err.message };
    throw err;
  }
  let files;
  try {
    files = readImportSource(source);
  } catch (err) {
    if (err instanceof ZipError || (err as NodeJS.ErrnoException).code !== undefined)
      return { ok: false, code: 'invalid-source', message: `${source}: ${(err as Error).message}` };
    throw err;
  }
  const logger = pino({ level: 'silent' });
  const rules = settings.registryFile ? await loadRules(settings.registryFile, settings, logger) : undefined;
  let opened;
  try {
    const store = await openForCommand(settings, 'import', ({ db, kind }) => ({ db, kind }));
    if (!store.ok) return store;
    opened = store;
    const { validateBericht } = await import('../validation/validate.js');
    const { buildRetour } = await import('../validation/retour.js');
    const clock = o.clock ?? systemClock;
    // The registry in the store, as the gateway decides under it (decision 0032); no poll for one short run.
    if (rules) await rules.useStore(opened.db, clock, { pollMs: 3_600_000 });
    const app = createApp({
      db: opened.db,
      storeKind: opened.kind,
      parties,
      logger,
      clock,
      unknownAddressee: settings.unknownAddressee,
      validate: validateBericht as ValidateFn,
      buildRetour: buildRetour as BuildRetourFn,
      ...(rules ? { rules } : {}),
      bronnen: await conversationBronnen(settings, rules),
    });
    return { ok: true, report: await app.importBerichten(files, o.operator) };
  } finally {
    rules?.stop();
    await opened?.close();
  }
}
