/**
 * Two registries for replay tests: THEN (when the berichten came in) gemeente 0384 had one taakgericht
 * contract K1 with aanbieder 42420001 for categories 45/54 (declaraties suppressed); NOW K1 ends on
 * 2026-08-31 and K2 (outputgericht, from 2026-09-01) covers the same parties — the sample 323 about
 * September–October 2026 is now routed to the gemeente. Other aanbieders have no contract (routed with
 * a warning under both).
 */
import { createRegistryChecker } from '../../src/contracts/registry.js';
import type { Registry } from '../../src/contracts/types.js';

const base = {
  wet: 'Jeugdwet',
  gemeenten: ['0384'],
  opdrachtnemer: { agb: '42420001' },
  producten: [{ categorie: '45' }, { categorie: '54' }],
  basisovereenkomst: 'BO-1',
  deelovereenkomst: 'perceel-1',
};

export const THEN_DOC = {
  versie: 1,
  standaard: { geenContract: 'route-with-warning', rechtszekerheidBlokkerend: false },
  contracten: [
    {
      id: 'K1',
      naam: 'K1 taakgericht',
      ...base,
      periode: { van: '2026-01-01' },
      uitvoeringsvariant: 'taakgericht',
      profiel: 'taakgericht-minimaal',
      bekostiging: 'lumpsum',
    },
  ],
};

export const NOW_DOC = {
  versie: 1,
  standaard: { geenContract: 'route-with-warning', rechtszekerheidBlokkerend: false },
  contracten: [
    {
      id: 'K1',
      naam: 'K1 taakgericht',
      ...base,
      periode: { van: '2026-01-01', totEnMet: '2026-08-31' },
      uitvoeringsvariant: 'taakgericht',
      profiel: 'taakgericht-minimaal',
      bekostiging: 'lumpsum',
    },
    {
      id: 'K2',
      naam: 'K2 outputgericht',
      ...base,
      periode: { van: '2026-09-01' },
      uitvoeringsvariant: 'outputgericht',
      bekostiging: 'PxQ',
    },
  ],
};

export function registry(doc: unknown): Registry {
  const r = createRegistryChecker().check(doc, 'test');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.reason}`).join('\n'));
  return r.registry;
}
