/**
 * What `sluis termijnen` needs: the store the settings name (openForCommand) and the termijnen
 * service over it. On PGlite the data folder is refused while a gateway has it open (read them over
 * `GET /api/v1/termijnen` then).
 */
import { termijnenService, type TermijnenService } from '../pipeline/termijnen.js';
import { openForCommand, type CommandWiring } from './command-store.js';
import type { Settings } from './settings.js';

export type TermijnenWiring = CommandWiring<{ readonly termijnen: TermijnenService }>;

export function openTermijnen(settings: Settings): Promise<TermijnenWiring> {
  return openForCommand(settings, 'termijnen', ({ db }) => ({ termijnen: termijnenService(db) }));
}
