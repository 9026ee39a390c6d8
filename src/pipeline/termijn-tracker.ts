/**
 * The termijn tracker (decision 0025): a follow-up step after the journal write, not part of it. The
 * journal INSERT queues each row in `termijn_todo` within its own statement (migration 0186); the
 * tracker takes the queue oldest first and, per batch in one transaction, closes the termijnen each
 * answer meets, opens the termijnen each routed bericht starts, and removes the rows from the queue.
 * Re-running a batch changes nothing (unique termijn keys, closes only what is unanswered), so a crash
 * between the steps is caught up on the next tick. The sweep turns open termijnen whose last day has
 * passed (by the injected clock) into verlopen and queues the notices: a `sluis.termijn` Kafka event
 * (trigger 0187, when Kafka is on) and a webhook to the waiting party when it has one.
 */
import type { Db } from '../store/db.js';
import { closeTermijnen, type TermijnAntwoord } from '../store/termijn/close.js';
import { openTermijnen } from '../store/termijn/open.js';
import { sweepTermijnen } from '../store/termijn/sweep.js';
import type { TermijnRow } from '../store/termijn/types.js';
import { doneTermijnTodo } from '../store/termijn-todo/done.js';
import { takeTermijnTodo } from '../store/termijn-todo/take.js';
import { insertOutbox } from '../store/outbox/insert.js';
import { ChannelName } from '../deliver/channel.js';
import type { Werkdagen } from '../standard/werkdagen.js';
import { CATALOG } from '../standard/catalog.js';
import type { BerichtSummary } from '../decision/summary.js';
import {
  antwoordSleutels,
  followsInOnderzoek,
  isInOnderzoek,
  isTermijnSummary,
  opensTermijnen,
  TermijnStatus,
  type NieuweTermijn,
} from './termijn-derive.js';

export interface TermijnTrackerDeps {
  readonly db: Db;
  readonly werkdagen: Werkdagen;
  /** Today in Europe/Amsterdam (the injected clock). */
  readonly today: () => string;
  /** The date in Europe/Amsterdam of an instant (a receipt). */
  readonly dateOf: (instant: Date) => string;
  /** Parties with a webhook: they are told when a termijn they wait for passes. */
  readonly webhookParties?: ReadonlySet<string>;
  /** Journal rows per batch (default 200). */
  readonly batch?: number;
  readonly onError?: (err: unknown) => void;
}

export interface TermijnTracker {
  /** Takes the queue until it is empty; returns the journal rows looked at. */
  catchUp(): Promise<number>;
  /** Open termijnen past their last day → verlopen, with their notices; returns those rows. */
  sweep(): Promise<TermijnRow[]>;
  /** catchUp, then sweep. */
  tick(): Promise<void>;
  /** Runs tick every `intervalMs` until stop(). */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/** The webhook payload (and its delivery key) of a termijn that passed; JSON, codes and dates only. */
export function verlopenNotice(t: TermijnRow): Record<string, unknown> {
  return {
    type: 'sluis.termijn-verlopen',
    termijn: Number(t.seq),
    berichtId: t.bericht_id,
    standard: t.standard,
    bericht: t.bericht,
    regel: t.regel,
    ...(t.voorwaarde ? { voorwaarde: t.voorwaarde } : {}),
    wachtOp: t.wacht_op,
    gemeente: t.gemeente,
    aanbieder: t.aanbieder,
    schuldenaar: t.schuldenaar,
    geopendOp: t.geopend_op,
    uiterlijk: t.uiterlijk,
    verlopenOp: t.verlopen_op,
  };
}

/** The messages that can meet a termijn (a catalog termijn's `sluitendDoor`): only these are looked up as answers. */
const ANSWERS: ReadonlySet<string> = new Set(Object.values(CATALOG).flatMap((e) => e.termijnen.flatMap((t) => t.sluitendDoor)));

export function createTermijnTracker(deps: TermijnTrackerDeps): TermijnTracker {
  const batch = deps.batch ?? 200;
  let busy = false;
  let timer: NodeJS.Timeout | undefined;

  // Per batch a fixed number of statements, whatever its size: take, open, close, follow-ups, done.
  const takeBatch = async (): Promise<number> =>
    deps.db.transaction(async (tx) => {
      const rows = await takeTermijnTodo(tx, batch);
      const answers: TermijnAntwoord[] = [];
      const opens: NieuweTermijn[] = [];
      const openers: { id: string; ord: number }[] = [];
      const byId = new Map<string, BerichtSummary>();
      rows.forEach((row, ord) => {
        // Imported history (`sluis import`) was answered, or not, outside Sluis: it opens and closes nothing.
        if (row.imported) return;
        try {
          const s = row.decision_summary;
          if (!isTermijnSummary(s)) throw new Error(`journal row ${row.journal_id}: a decision summary without the fields termijnen need`);
          byId.set(row.journal_id, s);
          // The day of receipt as ingest saw it by the injected clock; received_at (the transport's wall
          // clock) only for rows journaled without it.
          const op = row.ontvangen ?? deps.dateOf(row.received_at instanceof Date ? row.received_at : new Date(row.received_at));
          if (ANSWERS.has(s.nummer))
            answers.push({
              ord,
              id: row.journal_id,
              bericht: s.nummer,
              gemeente: s.gemeente,
              aanbieder: s.aanbieder,
              sleutels: antwoordSleutels(s),
              op,
              ...(isInOnderzoek(s) ? { notVoorwaarde: 'in-onderzoek' } : {}),
            });
          // Only a routed bericht reached the party that owes the answer.
          if (row.action !== 'route') return;
          const mine = opensTermijnen({ berichtId: row.journal_id, summary: s, geopendOp: op, werkdagen: deps.werkdagen });
          if (mine.length) openers.push({ id: row.journal_id, ord });
          opens.push(...mine);
        } catch (err) {
          // A summary this version cannot read must not stop the queue behind it: skipped, and said.
          deps.onError?.(err);
        }
      });
      await openTermijnen(
        tx,
        opens.map((t) => ({ ...t, status: TermijnStatus.open })),
      );
      const closed = await closeTermijnen(tx, answers, openers);
      const follow = closed.flatMap((c) => {
        const answer = c.gesloten_door ? byId.get(c.gesloten_door) : undefined;
        const next =
          answer &&
          followsInOnderzoek(
            answer,
            {
              berichtId: c.bericht_id,
              standard: c.standard,
              bericht: c.bericht,
              regel: c.regel,
              voorwaarde: c.voorwaarde,
              sleutel: c.sleutel,
              gemeente: c.gemeente,
              aanbieder: c.aanbieder,
              dagtekening: c.dagtekening,
              geopendOp: c.geopend_op,
            },
            deps.werkdagen,
          );
        return next ? [{ ...next, status: TermijnStatus.open }] : [];
      });
      await openTermijnen(tx, follow);
      await doneTermijnTodo(
        tx,
        rows.map((r) => r.journal_id),
      );
      return rows.length;
    });

  const catchUp = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const n = await takeBatch();
      total += n;
      if (n < batch) return total;
    }
  };

  const sweep = async (): Promise<TermijnRow[]> =>
    deps.db.transaction(async (tx) => {
      const rows = await sweepTermijnen(tx, deps.today());
      const hooks = deps.webhookParties;
      if (hooks?.size) {
        await insertOutbox(
          tx,
          rows
            .filter((t) => hooks.has(t.afzender))
            .map((t) => ({
              berichtId: t.bericht_id,
              channel: ChannelName.webhook,
              destination: t.afzender,
              deliveryKey: `termijn-verlopen.${t.seq}.webhook.${t.afzender}`,
              payload: { kind: 'termijn-verlopen', party: t.afzender, notice: verlopenNotice(t) },
            })),
        );
      }
      return rows;
    });

  // Ticks run one after another (a test's tick waits for the timer's and then sees every row).
  let chain: Promise<void> = Promise.resolve();
  const tick = (): Promise<void> => {
    const next = chain.then(async () => {
      await catchUp();
      await sweep();
    });
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    catchUp,
    sweep,
    tick,
    start(intervalMs) {
      timer = setInterval(() => {
        if (busy) return; // a slow tick is not queued up behind by the timer
        busy = true;
        tick()
          .catch((err: unknown) => deps.onError?.(err))
          .finally(() => {
            busy = false;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await chain;
    },
  };
}
