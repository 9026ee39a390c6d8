/**
 * What `sluis bericht` needs: the store the settings name (openForCommand) and the berichten service
 * over it with the access log (decision 0033), so a read from the command line is recorded like one
 * over the API or in the console. On PGlite the data folder is refused while a gateway has it open
 * (read the bericht over `GET /api/v1/berichten/{id}` then).
 */
import { berichtenService, type BerichtenService } from '../pipeline/berichten.js';
import { toegangslogService } from '../pipeline/toegangslog.js';
import { openForCommand, type CommandWiring } from './command-store.js';
import type { Settings } from './settings.js';

export type BerichtWiring = CommandWiring<{ readonly berichten: BerichtenService }>;

export function openBerichten(settings: Settings): Promise<BerichtWiring> {
  return openForCommand(settings, 'bericht', ({ db }) => ({
    berichten: berichtenService(
      db,
      toegangslogService(db, () => new Date()),
    ),
  }));
}
