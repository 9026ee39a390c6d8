/**
 * Event values on the events topic (JSON, versioned schemas in schemas/events/). Built by the outbox
 * publisher from the payload the database trigger snapshotted (0102_kafka_enqueue_fn.sql) and the
 * journal columns of the bericht. No BSN or name: the journal columns used here are codes.
 */
import type { Decision } from '../decision/decision.js';

export const EventType = {
  /** A bericht got a decision, or its decision changed (replay). schemas/events/decision.v1.schema.json */
  decision: 'sluis.decision',
  /** A bericht reached a postbus / webhook, was confirmed, or delivery was given up. schemas/events/delivery.v1.schema.json */
  delivery: 'sluis.delivery',
  /** A termijn of the standard passed its last day unanswered. schemas/events/termijn.v1.schema.json */
  termijn: 'sluis.termijn',
} as const;
export type EventTypeName = (typeof EventType)[keyof typeof EventType];

export const EVENT_SCHEMA_VERSION = 1;

export interface BerichtColumns {
  readonly berichtId: string;
  readonly standard: string;
  readonly bericht: string;
  readonly berichtCode: string;
  readonly sender: string;
  readonly ontvanger: string;
  readonly status: string;
}

export interface DecisionEvent extends BerichtColumns {
  readonly type: typeof EventType.decision;
  readonly version: 1;
  readonly id: string;
  readonly time: string;
  /**
   * The decision as journaled: the one decision shape, without the summary it was taken on (that
   * stays in the journal). A `previous` journaled by an older Sluis may lack `tags`, `contractIds`,
   * `items` and reason severities (no-registry routes, summary refusals).
   */
  readonly decision: Decision;
  readonly previous: Decision | null;
}

export interface DeliveryEvent {
  readonly type: typeof EventType.delivery;
  readonly version: 1;
  readonly id: string;
  readonly time: string;
  readonly berichtId: string;
  readonly standard: string;
  readonly bericht: string;
  readonly berichtCode: string;
  readonly channel: string;
  readonly outcome: 'delivered' | 'confirmed' | 'failed';
  readonly party: string;
  readonly item?: string;
  readonly deliveryKey: string;
  readonly attempts?: number;
  readonly error?: string | null;
}

/** A termijn passed unanswered (the sweep of src/pipeline/termijn-tracker.ts, trigger 0187). */
export interface TermijnEvent {
  readonly type: typeof EventType.termijn;
  readonly version: 1;
  readonly id: string;
  readonly time: string;
  readonly outcome: 'verlopen';
  /** The bericht that opened the termijn. */
  readonly berichtId: string;
  readonly standard: string;
  readonly bericht: string;
  readonly berichtCode: string;
  readonly termijn: number;
  readonly regel: string;
  readonly voorwaarde?: string;
  readonly wachtOp: readonly string[];
  readonly gemeente: string;
  readonly aanbieder: string;
  readonly schuldenaar: string;
  readonly geopendOp: string;
  readonly uiterlijk: string;
  readonly verlopenOp: string;
}

export type SluisEvent = DecisionEvent | DeliveryEvent | TermijnEvent;

/** Journal `bericht` may be '301' or 'JW301'; events carry the 3-digit number. */
export function berichtNumber(bericht: string): string {
  const m = /(3[0-9]{2})$/.exec(bericht);
  return m ? m[1]! : bericht;
}

function isoTime(v: unknown): string {
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString();
}

/** Builds the event from a trigger payload; `undefined` for a payload kind this version does not know. */
export function eventFromPayload(payload: Record<string, unknown>, cols: BerichtColumns): SluisEvent | undefined {
  const base = {
    id: String(payload['eventId']),
    time: isoTime(payload['at']),
    berichtId: cols.berichtId,
    standard: cols.standard,
    bericht: berichtNumber(cols.bericht),
    berichtCode: cols.berichtCode,
  };
  if (payload['kind'] === 'decision') {
    return {
      type: EventType.decision,
      version: 1,
      ...base,
      sender: cols.sender,
      ontvanger: cols.ontvanger,
      status: typeof payload['status'] === 'string' ? payload['status'] : cols.status,
      // The trigger copies journal.decision, which the pipeline wrote from a Decision.
      decision: payload['decision'] as Decision,
      previous: (payload['previous'] ?? null) as Decision | null,
    };
  }
  if (payload['kind'] === 'delivery') {
    const outcome = payload['outcome'];
    return {
      type: EventType.delivery,
      version: 1,
      ...base,
      channel: String(payload['channel']),
      outcome: outcome === 'confirmed' || outcome === 'failed' ? outcome : 'delivered',
      party: String(payload['party']),
      ...(typeof payload['item'] === 'string' ? { item: payload['item'] } : {}),
      deliveryKey: String(payload['deliveryKey']),
      ...(typeof payload['attempts'] === 'number' ? { attempts: payload['attempts'] } : {}),
      ...(payload['error'] !== undefined ? { error: maskDigits(payload['error'] === null ? null : String(payload['error'])) } : {}),
    };
  }
  if (payload['kind'] === 'termijn-verlopen') {
    const text = (k: string): string => String(payload[k] ?? '');
    return {
      type: EventType.termijn,
      version: 1,
      ...base,
      outcome: 'verlopen',
      termijn: Number(payload['termijn']),
      regel: text('regel'),
      ...(payload['voorwaarde'] ? { voorwaarde: text('voorwaarde') } : {}),
      wachtOp: Array.isArray(payload['wachtOp']) ? payload['wachtOp'].map(String) : [],
      gemeente: text('gemeente'),
      aanbieder: text('aanbieder'),
      schuldenaar: text('schuldenaar'),
      geopendOp: text('geopendOp'),
      uiterlijk: text('uiterlijk'),
      verlopenOp: text('verlopenOp'),
    };
  }
  return undefined;
}

/** Masks 9-digit runs (a BSN could hide in a receiver's error text). */
export function maskDigits<T extends string | null>(text: T): T {
  return (text === null ? null : text.replace(/(?<![0-9])[0-9]{9}(?![0-9])/g, '*********')) as T;
}
