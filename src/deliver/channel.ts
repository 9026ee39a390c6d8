/**
 * The delivery contract: every way a routed bericht reaches its addressee is a `DeliveryChannel`,
 * registered once (src/deliver/index.ts createChannels). Ingest (src/pipeline/ingest.ts) and a
 * replay's re-delivery (src/replay/run.ts) both ask the registered channels which rows a routed
 * bericht gets, so a channel cannot be forgotten by one of them; a channel with rows to drain starts
 * its own worker. Adding a channel: one file here plus its line in createChannels.
 */
import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import type { OutboxWrite, PostbusWrite } from '../store/journal/types.js';

/** The channels Sluis delivers through; `outbox.channel` holds the name. */
export const ChannelName = {
  /** The addressee's postbus: it fetches over the API (GET /api/v1/postbus) and confirms. */
  postbus: 'postbus',
  /** An HTTPS POST to the party's webhook URL, signed (Sluis-Signature). */
  webhook: 'webhook',
  /** The Kafka inbound log and events; rows enqueued by the Kafka migrations' triggers. */
  kafka: 'kafka',
  /** A SOAP POST of a StUF-GGk Di01/Du01 envelope to a gemeente's back office (src/deliver/stuf-ggk.ts). */
  stufGgk: 'stuf-ggk',
} as const;
export type ChannelName = (typeof ChannelName)[keyof typeof ChannelName];

/** A bericht the decision routed: what a channel plans its rows from. */
export interface DeliveryRoute {
  readonly berichtId: string;
  /** The party the bericht is routed to. */
  readonly addressee: string;
}

/** A bericht Sluis rejected with a retourbericht: what a channel plans the retour's rows from. */
export interface RetourRoute {
  readonly berichtId: string;
  /** The sender of the rejected bericht: the retourbericht goes to it. */
  readonly sender: string;
}

/**
 * The rows one routed bericht gets, written in the same statement (ingest: the group commit's
 * journal INSERT) or transaction (replay: with the new decision) as the journal change.
 */
export interface DeliveryPlan {
  readonly postbus: readonly PostbusWrite[];
  readonly outbox: readonly OutboxWrite[];
  /** The channels that planned a row, in registration order (the status history's `channels`). */
  readonly channels: readonly ChannelName[];
}

/** What a channel's background worker gets from the composition root. */
export interface ChannelContext {
  readonly db: Db;
  readonly logger: Logger;
  /** This process, as outbox locks name it (host:pid). */
  readonly worker: string;
  /** Per delivery attempt, for the deliveries counter. */
  readonly onResult?: (channel: ChannelName, ok: boolean) => void;
}

/** A running background drain. */
export interface ChannelWorker {
  /** Wakes an idle worker (e.g. right after a commit). */
  kick(): void;
  stop(): Promise<void>;
}

export interface DeliveryChannel {
  readonly name: ChannelName;
  /** This channel's rows for a routed bericht: postbus and/or outbox rows, or none. */
  plan(route: DeliveryRoute): Pick<DeliveryPlan, 'postbus' | 'outbox'>;
  /**
   * Optional: this channel's outbox rows for the retourbericht Sluis made when it rejected a bericht
   * (the sender's postbus has it in any case), written with the journal row.
   */
  planRetour?(retour: RetourRoute): readonly OutboxWrite[];
  /** Starts draining this channel's outbox rows; absent when there is nothing this process drains. */
  start?(ctx: ChannelContext): ChannelWorker;
}

const NONE: DeliveryPlan = { postbus: [], outbox: [], channels: [] };

/** The rows of all registered channels for one routed bericht. */
export function planDelivery(channels: readonly DeliveryChannel[], route: DeliveryRoute): DeliveryPlan {
  let postbus: PostbusWrite[] | undefined;
  let outbox: OutboxWrite[] | undefined;
  const names: ChannelName[] = [];
  for (const c of channels) {
    const p = c.plan(route);
    if (p.postbus.length === 0 && p.outbox.length === 0) continue;
    names.push(c.name);
    if (p.postbus.length > 0) (postbus ??= []).push(...p.postbus);
    if (p.outbox.length > 0) (outbox ??= []).push(...p.outbox);
  }
  return names.length === 0 ? NONE : { postbus: postbus ?? [], outbox: outbox ?? [], channels: names };
}

/** The outbox rows of all registered channels for Sluis's retourbericht on a rejected bericht. */
export function planRetourDelivery(channels: readonly DeliveryChannel[], retour: RetourRoute): OutboxWrite[] {
  const out: OutboxWrite[] = [];
  for (const c of channels) if (c.planRetour) out.push(...c.planRetour(retour));
  return out;
}
