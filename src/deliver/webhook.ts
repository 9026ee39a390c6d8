/**
 * The webhook channel: a routed bericht whose addressee has a webhook gets an outbox row (destination
 * the party code: the URL is looked up at delivery time, so a changed URL applies to retries), and
 * this worker POSTs it.
 *
 * Webhook delivery from the outbox. Rows are claimed in batches with FOR UPDATE SKIP LOCKED (so
 * several workers and instances share the work), POSTed concurrently, then completed and failed in
 * one statement each. At-least-once: a crash between the POST and the completion re-sends with the
 * same `Sluis-Delivery-Id`, which the receiver uses to de-duplicate.
 *
 * Signature (`Sluis-Signature: t=<unix seconds>,v1=<hex>`): HMAC-SHA256 with the party's secret over
 * `<t>.<body>`; the receiver recomputes it and rejects old `t` to stop replays.
 */
import { createHmac } from 'node:crypto';
import type { Party } from '../config/parties.js';
import { getRaw } from '../store/journal/raw.js';
import type { BackoffPolicy, OutboxRow } from '../store/outbox/types.js';
import { ChannelName, type ChannelWorker, type DeliveryChannel } from './channel.js';
import { drainOutbox, thrownText, type DrainSettings } from './drain.js';
import { deliveryKey } from './keys.js';

export function signWebhook(secret: string, timestamp: number, body: Uint8Array | string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export interface WebhookWorkerOptions extends DrainSettings {
  readonly parties: ReadonlyMap<string, Party>;
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs?: number;
}

/** Outbox rows that carry a notice (a termijn that passed), not a bericht. */
const isNotice = (row: OutboxRow): boolean => (row.payload as { kind?: string }).kind === 'termijn-verlopen';

export function startWebhookWorker(o: WebhookWorkerOptions): ChannelWorker {
  const doFetch = o.fetch ?? globalThis.fetch;

  const deliver = async (row: OutboxRow): Promise<string | undefined> => {
    const payload = row.payload as { party?: string; kind?: string; notice?: unknown };
    const party = payload.party ? o.parties.get(payload.party) : undefined;
    if (!party?.webhook) return 'no webhook configured for this party any more';
    // A termijn that passed (src/pipeline/termijn-tracker.ts) is told as JSON; everything else is a bericht's bytes.
    const notice = isNotice(row);
    const raw = notice ? new TextEncoder().encode(JSON.stringify(payload.notice)) : await getRaw(o.db, row.bericht_id);
    if (!raw) return 'bericht not found in the journal';
    const ts = Math.floor(Date.now() / 1000);
    try {
      const res = await doFetch(party.webhook.url, {
        method: 'POST',
        headers: {
          'content-type': notice ? 'application/json' : 'application/xml',
          'sluis-delivery-id': row.delivery_key,
          'sluis-bericht-id': row.bericht_id,
          'sluis-signature': signWebhook(party.webhook.secret, ts, raw),
        },
        body: raw,
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? undefined : `HTTP ${res.status} from ${new URL(party.webhook.url).host}`;
    } catch (err) {
      return thrownText(err);
    }
  };

  return drainOutbox({
    ...o,
    channel: ChannelName.webhook,
    deliver,
    // A notice delivered changes no bericht's status.
    statusless: isNotice,
  });
}

/** How the gateway runs the webhook channel (tests inject fetch and a short idle). */
export interface WebhookSettings {
  /** False: no worker in this process (rows still queued; another instance drains them). */
  readonly enabled?: boolean;
  readonly fetch?: typeof globalThis.fetch;
  readonly idleMs?: number;
  readonly backoff?: BackoffPolicy;
}

const NONE = { postbus: [], outbox: [] } as const;

export function webhookChannel(parties: ReadonlyMap<string, Party>, s: WebhookSettings = {}): DeliveryChannel {
  const drains = s.enabled !== false && [...parties.values()].some((p) => p.webhook);
  return {
    name: ChannelName.webhook,
    plan: ({ berichtId, addressee }) =>
      parties.get(addressee)?.webhook
        ? {
            postbus: [],
            outbox: [
              {
                channel: ChannelName.webhook,
                destination: addressee,
                deliveryKey: deliveryKey(berichtId, ChannelName.webhook, addressee),
                payload: { berichtId, party: addressee },
              },
            ],
          }
        : NONE,
    ...(drains
      ? {
          start: (ctx) =>
            startWebhookWorker({
              db: ctx.db,
              parties,
              logger: ctx.logger,
              worker: ctx.worker,
              ...(s.fetch ? { fetch: s.fetch } : {}),
              ...(s.idleMs !== undefined ? { idleMs: s.idleMs } : {}),
              ...(s.backoff ? { backoff: s.backoff } : {}),
              ...(ctx.onResult ? { onResult: (ok: boolean) => ctx.onResult?.(ChannelName.webhook, ok) } : {}),
            }),
        }
      : {}),
  };
}
