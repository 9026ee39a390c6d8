/**
 * The gateway as `sluis serve` composes it with SLUIS_REGISTRY and SLUIS_PARTIES (the one harness,
 * test/support/gateway.ts: registry, decision core over the journal, woonplaats sources, contracten
 * routes), on an ephemeral port, over PGlite in a worker thread or PostgreSQL (a schema per run).
 * The only difference from `serve`: the clock is passed in, so the scenario's dates hold.
 */
import type { StoreKind } from '../../src/store/db.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

export type RegionGateway = TestGateway;

export async function startRegionGateway(
  store: StoreKind,
  o: { registryFile: string; partiesFile: string; clock: () => Date; cwd: string; env?: Readonly<Record<string, string | undefined>> },
): Promise<RegionGateway> {
  const pick = (name: string): Record<string, string> => (o.env?.[name] ? { [name]: o.env[name] as string } : {});
  return startTestGateway(store, {
    cwd: o.cwd,
    clock: o.clock,
    env: {
      SLUIS_REGISTRY: o.registryFile,
      SLUIS_PARTIES: o.partiesFile,
      ...pick('SLUIS_POSTCODES'),
      ...pick('SLUIS_LOOKUP_URL'),
      ...pick('SLUIS_LOOKUP_TOKEN'),
      ...pick('SLUIS_SHARED'),
    },
  });
}
