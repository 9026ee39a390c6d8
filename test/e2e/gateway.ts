/**
 * The gateway as `sluis serve` composes it with SLUIS_REGISTRY and SLUIS_PARTIES (the same
 * `registryWiring`: registry holder, decision core over the journal, woonplaats sources, contracten
 * routes), on an ephemeral port, over PGlite in a worker thread or PostgreSQL (a schema per run).
 * The only difference from `serve`: the clock is passed in, so the scenario's dates hold.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadPartiesConfig } from '../../src/config/parties.js';
import { registryWiring } from '../../src/cli/serve.js';
import { createApp, type App } from '../../src/http/app.js';
import { createLogger } from '../../src/http/log.js';
import { closeServer, createRequestListener, listen } from '../../src/http/server.js';
import type { BuildRetourFn, ValidateFn } from '../../src/pipeline/types.js';
import { openDb, type Db, type StoreKind } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { buildRetour } from '../../src/validation/retour.js';
import { validateBericht } from '../../src/validation/validate.js';
import { PG_URL, dropSchema } from '../gateway/harness.js';

export interface RegionGateway {
  readonly url: string;
  readonly db: Db;
  readonly app: App;
  readonly logs: string[];
  close(): Promise<void>;
}

export async function startRegionGateway(
  store: StoreKind,
  o: { registryFile: string; partiesFile: string; clock: () => Date; cwd: string; env?: Readonly<Record<string, string | undefined>> },
): Promise<RegionGateway> {
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    }) as never,
  });
  const parties = loadPartiesConfig(o.partiesFile);
  const wiring = await registryWiring(o.registryFile, o.env ?? process.env, o.cwd, logger);
  const schema = `e2e_${randomBytes(6).toString('hex')}`;
  const opened =
    store === 'pglite' ? await openDb({ memory: true, worker: true }) : await openDb({ databaseUrl: PG_URL, schema, poolSize: 8 });
  await migrate(opened.db);
  const app = createApp({
    db: opened.db,
    storeKind: opened.kind,
    parties,
    logger,
    clock: o.clock,
    validate: validateBericht as ValidateFn,
    buildRetour: buildRetour as BuildRetourFn,
    decide: wiring.decide(opened.db),
    contracten: wiring.contracten,
    replayDecider: wiring.replayDecider(opened.db, o.clock),
  });
  const { server, port } = await listen(createRequestListener(app.handle), 0, '127.0.0.1');
  app.start();
  return {
    url: `http://127.0.0.1:${port}`,
    db: opened.db,
    app,
    logs,
    async close() {
      await app.stop();
      await closeServer(server);
      await opened.close();
      if (store === 'postgres') await dropSchema(schema);
    },
  };
}
