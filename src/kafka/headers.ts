/**
 * Header names on Kafka messages Sluis writes. Values are strings; none carries a BSN or a name.
 */
export const KafkaHeader = {
  /** 'ijw' | 'iwmo'. */
  standard: 'sluis-standard',
  /** The message number as the standard names it: '301', '323', … */
  bericht: 'sluis-bericht',
  /** The BerichtCode element of the header: '436' (iJw 301), '414' (iWmo 301), … */
  berichtCode: 'BerichtCode',
  /** Header/Afzender: 4-digit gemeentecode or 8-digit AGB code. */
  sender: 'sender',
  /** Header/Ontvanger. */
  addressee: 'addressee',
  /** The Sluis id of the journaled bericht (also the dedupe key for consumers). */
  sluisId: 'sluis-id',
  /** Journal status when it was logged (ontvangen, afgekeurd, …: the gateway's statuses). */
  status: 'sluis-status',
  /** Event type on the events topic: 'sluis.decision' | 'sluis.delivery'. */
  eventType: 'sluis-event-type',
  /** Schema version of an event (integer as string). */
  schemaVersion: 'sluis-schema-version',
  /** Dead-letter: machine-readable reason (a DeadLetterReason code). */
  reason: 'sluis-reason',
  /** Dead-letter: human detail (issues summarised; 9-digit numbers masked). */
  reasonDetail: 'sluis-reason-detail',
  /** Dead-letter: where the message came from. */
  originTopic: 'sluis-origin-topic',
  originPartition: 'sluis-origin-partition',
  originOffset: 'sluis-origin-offset',
} as const;
export type KafkaHeaderName = (typeof KafkaHeader)[keyof typeof KafkaHeader];

/** Why an ingress message went to the dead-letter topic. */
export const DeadLetterReason = {
  /** Empty value: nothing to ingest. */
  empty: 'empty',
  /** The pipeline refused it before journaling (not XML, DOCTYPE, unknown message, L1 failure, too large, …). */
  refused: 'refused',
  /** The pipeline threw on this message after retries; kept here so the partition moves on. */
  failed: 'failed',
} as const;
export type DeadLetterReasonCode = (typeof DeadLetterReason)[keyof typeof DeadLetterReason];

/** kafkajs header values are Buffer | string | (Buffer|string)[]; read one as a string. */
export function headerString(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = headers?.[name];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length > 0 ? String(v[0]) : undefined;
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
}
