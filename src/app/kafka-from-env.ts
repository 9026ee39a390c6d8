/**
 * One call for the gateway's composition root (src/cli/serve.ts): Kafka from the environment, or
 * nothing. The gateway then adds `runtime.gauges()` to /metrics and `runtime.reachable()` to readiness.
 */
import type { Party } from '../config/parties.js';
import type { Db } from '../store/db.js';
import type { KafkaLogSink } from '../kafka/client.js';
import { kafkaSettingsFromEnv } from '../kafka/config.js';
import type { IngressEvent } from '../kafka/ingress.js';
import { limitRepeats } from '../kafka/log-limit.js';
import { pipelineIngress, type PipelineIngest } from './kafka-pipeline.js';
import { startKafka, type KafkaRuntime } from './kafka.js';

export interface KafkaFromEnvDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly db: Db;
  /** The gateway's ingest (createIngest), for the ingress consumer. */
  readonly ingest: PipelineIngest;
  readonly parties: ReadonlyMap<string, Party>;
  readonly log?: KafkaLogSink;
}

/**
 * Starts Kafka when KAFKA_BROKERS is set (throws KafkaConfigError on a bad setting, so `serve` can
 * refuse to start with a clear message); otherwise returns undefined and leaves the shared switch
 * alone: another instance of the same deployment may run with Kafka (docs/kafka.md says how to turn
 * the inbound log off for good).
 */
export async function startKafkaFromEnv(deps: KafkaFromEnvDeps): Promise<KafkaRuntime | undefined> {
  const settings = kafkaSettingsFromEnv(deps.env);
  if (!settings) return undefined;
  const log = deps.log ? limitRepeats(deps.log) : undefined;
  return startKafka({
    db: deps.db,
    settings,
    ingest: pipelineIngress(deps.ingest, deps.parties),
    ...(log ? { log, onIngressEvent: (ev: IngressEvent) => logIngressEvent(log, ev) } : {}),
  });
}

/**
 * One log line per bericht taken in from the ingress topic and per dead-lettered message, as HTTP
 * ingest has: ids, partitions, offsets and codes only (the reason's detail may quote the message).
 */
export function logIngressEvent(log: KafkaLogSink, ev: IngressEvent): void {
  if (ev.type === 'stored')
    log('info', 'bericht taken in from Kafka', {
      ingress: 'stored',
      id: ev.id,
      replay: ev.replay,
      partition: ev.partition,
      offset: ev.offset,
    });
  else if (ev.type === 'dead-letter')
    log('warn', 'message dead-lettered', { ingress: 'dead-letter', reason: ev.reason, partition: ev.partition, offset: ev.offset });
  else if (ev.type === 'group' && ev.what === 'crashed') log('error', 'Kafka ingress consumer crashed', { ingress: 'group' });
}
