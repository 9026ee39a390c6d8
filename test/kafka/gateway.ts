/**
 * The gateway's real pipeline (src/pipeline/ingest.ts: validate → decide → journal+postbus+outbox in
 * one group-committed transaction), composed for Kafka tests the way src/app/gateway.ts composes it.
 */
import type { Db, StoreKind } from '../../src/store/db.js';
import { GroupCommitter } from '../../src/store/group-commit.js';
import { retourIdGenerator } from '../../src/store/ids.js';
import { createIngest } from '../../src/pipeline/ingest.js';
import { createChannels } from '../../src/deliver/index.js';
import type { Party } from '../../src/config/parties.js';
import { routeToCounterparty } from '../../src/pipeline/decide-default.js';
import type { BuildRetourFn, DecideFn, ValidateFn } from '../../src/pipeline/types.js';
import { validateBericht } from '../../src/validation/validate.js';
import { buildRetour } from '../../src/validation/retour.js';
import { pipelineIngress, type PipelineIngest } from '../../src/app/kafka-pipeline.js';
import type { IngressFn } from '../../src/kafka/ingress.js';

export const TODAY = '2026-11-23';

export function testPipeline(
  db: Db,
  kind: StoreKind,
  decide: DecideFn = routeToCounterparty,
  /** The parties config's parties: who has a webhook (none by default). */
  parties: ReadonlyMap<string, Party> = new Map(),
): { ingest: PipelineIngest; ingress: IngressFn } {
  const ingest = createIngest({
    db,
    committer: new GroupCommitter(db, { concurrency: kind === 'pglite' ? 1 : 4 }),
    validate: validateBericht as ValidateFn,
    buildRetour: buildRetour as unknown as BuildRetourFn,
    decide,
    channels: createChannels({ parties }),
    retourId: retourIdGenerator(),
    today: () => TODAY,
  });
  return { ingest, ingress: pipelineIngress(ingest, new Map()) };
}
