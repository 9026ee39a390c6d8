/**
 * The channel registry: every delivery channel Sluis has, in the order their rows are planned. Ingest
 * and a replay's re-delivery plan from this list (planDelivery), the gateway starts their drains.
 */
import type { Party } from '../config/parties.js';
import type { DeliveryChannel } from './channel.js';
import { kafkaChannel } from './kafka.js';
import { postbusChannel } from './postbus.js';
import { stufGgkChannel, type StufGgkSettings } from './stuf-ggk.js';
import { webhookChannel, type WebhookSettings } from './webhook.js';

export { ChannelName, planDelivery, planRetourDelivery } from './channel.js';
export type { ChannelContext, ChannelWorker, DeliveryChannel, DeliveryPlan, DeliveryRoute, RetourRoute } from './channel.js';

export interface ChannelSettings {
  /** The parties config: who has a webhook. */
  readonly parties: ReadonlyMap<string, Party>;
  readonly webhook?: WebhookSettings;
  /** Default: the webhook's settings (the same worker switch, fetch, idle and backoff). */
  readonly stufGgk?: StufGgkSettings;
}

export function createChannels(s: ChannelSettings): readonly DeliveryChannel[] {
  return [postbusChannel(), webhookChannel(s.parties, s.webhook), kafkaChannel(), stufGgkChannel(s.parties, s.stufGgk ?? s.webhook)];
}
