/**
 * The loop every push channel runs over its outbox rows (webhook, StUF-GGk): claim a batch, deliver
 * each row, mark the delivered ones (afgeleverd, or only done for a row that is no bericht's own
 * delivery), put the failed ones back with the backoff, sleep when there was less than a batch.
 */
import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import { claimOutbox } from '../store/outbox/claim.js';
import { completeDelivered } from '../store/outbox/complete-delivered.js';
import { completeOutbox } from '../store/outbox/complete.js';
import { failOutbox } from '../store/outbox/fail.js';
import type { BackoffPolicy, OutboxRow } from '../store/outbox/types.js';
import { BerichtStatus } from '../status.js';
import type { ChannelName, ChannelWorker } from './channel.js';

export interface DrainOptions {
  readonly db: Db;
  readonly channel: ChannelName;
  readonly worker: string;
  readonly logger: Logger;
  readonly backoff: BackoffPolicy;
  readonly batch?: number;
  readonly idleMs?: number;
  readonly onResult?: (ok: boolean) => void;
  /** Delivers one row; the error text when it failed. */
  readonly deliver: (row: OutboxRow) => Promise<string | undefined>;
  /** A row whose delivery changes no bericht's status (a notice, Sluis's own retour). */
  readonly statusless: (row: OutboxRow) => boolean;
}

export function drainOutbox(o: DrainOptions): ChannelWorker {
  const batch = o.batch ?? 32;
  let stopped = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number): Promise<void> =>
    new Promise((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  const loop = async (): Promise<void> => {
    while (!stopped) {
      let rows: OutboxRow[] = [];
      try {
        rows = await claimOutbox(o.db, { channel: o.channel, limit: batch, worker: o.worker, lockTimeoutSeconds: 120 });
        const results = await Promise.all(rows.map(async (r) => ({ row: r, error: await o.deliver(r) })));
        const ok = results.filter((x) => x.error === undefined);
        await completeOutbox(
          o.db,
          o.worker,
          ok.filter((x) => o.statusless(x.row)).map((x) => x.row.id),
        );
        await completeDelivered(
          o.db,
          o.worker,
          ok
            .filter((x) => !o.statusless(x.row))
            .map((x) => ({ outboxId: x.row.id, berichtId: x.row.bericht_id, detail: { via: o.channel, deliveryId: x.row.delivery_key } })),
          BerichtStatus.AFGELEVERD,
        );
        const failed = results.filter((x) => x.error !== undefined).map((x) => ({ id: x.row.id, error: x.error as string }));
        await failOutbox(o.db, o.worker, failed, o.backoff);
        for (const x of results) o.onResult?.(x.error === undefined);
        for (const f of failed)
          o.logger.warn({ event: 'delivery-failed', channel: o.channel, outboxId: f.id, error: f.error }, `${o.channel} delivery failed`);
      } catch (err) {
        if (!stopped) o.logger.error({ event: 'worker-error', err }, `${o.channel} worker error`);
      }
      if (rows.length < batch) await sleep(o.idleMs ?? 250);
    }
  };
  const done = loop();
  return {
    kick: () => wake?.(),
    stop: async () => {
      stopped = true;
      wake?.();
      await done;
    },
  };
}
