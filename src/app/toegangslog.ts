/**
 * What `sluis toegangslog` needs: the store the settings name (openForCommand) and the access log
 * service over it (decision 0033). On PGlite the data folder is refused while a gateway has it open
 * (read it over `GET /api/v1/toegangslog` then).
 */
import { toegangslogService, type ToegangslogService } from '../pipeline/toegangslog.js';
import { openForCommand, type CommandWiring } from './command-store.js';
import type { Settings } from './settings.js';

export type ToegangslogWiring = CommandWiring<{ readonly toegangslog: ToegangslogService }>;

export function openToegangslog(settings: Settings): Promise<ToegangslogWiring> {
  return openForCommand(settings, 'toegangslog', ({ db }) => ({ toegangslog: toegangslogService(db, () => new Date()) }));
}
