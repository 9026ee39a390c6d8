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

/** Default: first retry after ~1–2 s, doubling up to ~1 h, given up (row marked failed) after 20 attempts ≈ 8 h. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseSeconds: 2, capSeconds: 3600, maxAttempts: 20 };

/** What a push channel's worker is started with and hands on to the loop as given. */
export interface DrainSettings {
  readonly db: Db;
  readonly worker: string;
  readonly logger: Logger;
  /** Absent: DEFAULT_BACKOFF. */
  readonly backoff?: BackoffPolicy;
  readonly batch?: number;
  readonly idleMs?: number;
  readonly onResult?: (ok: boolean) => void;
}

export interface DrainOptions extends DrainSettings {
  readonly channel: ChannelName;
  /** Delivers one row; the error text when it failed. */
  readonly deliver: (row: OutboxRow) => Promise<string | undefined>;
  /** A row whose delivery changes no bericht's status (a notice, Sluis's own retour). */
  readonly statusless: (row: OutboxRow) => boolean;
}

/** A delivery that threw (refused connection, timeout): its error's name and message as the row's last error. */
export function thrownText(err: unknown): string {
  return `${(err as Error).name}: ${(err as Error).message}`;
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
        await failOutbox(o.db, o.worker, failed, o.backoff ?? DEFAULT_BACKOFF);
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
