/**
 * Replay, transport-free: re-decides selected berichten with today's decide function, compares with
 * the journaled decision, and — unless dry-run — applies what changed: the journal's decision and status
 * (the Kafka trigger publishes a decision event with the previous decision), a status history row, and a
 * re-delivery to the new addressee through the registered delivery channels (src/deliver: postbus,
 * webhook, …), the rows they plan as at ingest, with the same stable keys as the first delivery, so running a replay twice, or after a crash, delivers nothing twice. The CLI (`sluis
 * replay`) and an operator endpoint both call `runReplay`; the run is journaled in `replay_runs`.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import { redecide } from '../store/journal/redecide.js';
import { insertStatuses, type StatusWrite } from '../store/journal-status/insert.js';
import { insertOutbox } from '../store/outbox/insert.js';
import { insertPostbus } from '../store/postbus/insert.js';
import { startReplayRun } from '../store/replay-runs/start.js';
import { finishReplayRun } from '../store/replay-runs/finish.js';
import { failReplayRun } from '../store/replay-runs/fail.js';
import { planDelivery, type DeliveryChannel } from '../deliver/channel.js';
import type { OutboxWrite, PostbusWrite } from '../store/journal/types.js';
import type { Decision } from '../pipeline/types.js';
import { BerichtStatus } from '../status.js';
import { compareDecisions, decisionChanged, transitionOf } from './diff.js';
import type { ReplaySelection } from './selection.js';
import { journaledDecisions, type ReplayItem } from './source.js';
import type { ReplayDecider } from './decider.js';

/** A decision as journaled and reported: the summary it was taken on is kept apart (journal.decision_summary). */
function withoutSummary({ summary: _summary, ...decision }: Decision): Decision {
  return decision;
}

/** Today's decision for one bericht (composition root: parse/summary → decision core with today's registry). */
export type ReplayDecideFn = (item: ReplayItem) => Decision | Promise<Decision>;

export interface ReplayProgress {
  readonly done: number;
  readonly total?: number;
  readonly changed: number;
  readonly redelivered: number;
  readonly elapsedMs: number;
}

export interface ReplayChange {
  readonly berichtId: string;
  readonly bericht: string;
  readonly sender: string;
  readonly ontvanger: string;
  readonly receivedAt: string;
  readonly was: Decision | null;
  readonly now: Decision | null;
  readonly text: string;
  readonly redelivered?: boolean;
}

export interface ReplayCounts {
  selected: number;
  unchanged: number;
  changed: number;
  redelivered: number;
  /** Not re-decided: rejected at validation (no decision to compare), or changed meanwhile. */
  skipped: number;
  /** The decide function threw for these (reported in changes with the error). */
  errors: number;
  byTransition: Record<string, number>;
}

export interface ReplayReport {
  readonly type: 'sluis.replay';
  readonly version: 1;
  readonly runId: string;
  readonly dryRun: boolean;
  readonly source: 'journal' | 'kafka';
  readonly operator: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The day today's rules were applied for (YYYY-MM-DD, Europe/Amsterdam), when the decider says. */
  readonly rulesDate?: string;
  readonly selection: ReplaySelection;
  readonly counts: ReplayCounts;
  /** Per changed bericht (and per error); capped at `maxChanges` (the counts stay exact). */
  readonly changes: ReplayChange[];
  /** Decided under the stored registry as of `asOf` (version `versie`) instead of today's. */
  readonly registry?: { readonly asOf: string; readonly versie: number };
}

export interface ReplayOptions {
  readonly db: Db;
  readonly selection: ReplaySelection;
  readonly dryRun: boolean;
  readonly operator: string;
  readonly source: 'journal' | 'kafka';
  readonly pages: AsyncIterable<readonly ReplayItem[]>;
  readonly decide: ReplayDecideFn | ReplayDecider;
  readonly total?: number;
  /** Berichten per second at most (both modes); absent: as fast as it goes. */
  readonly rate?: number;
  readonly onProgress?: (p: ReplayProgress) => void;
  /**
   * The delivery channels (src/deliver createChannels, from the parties config): a re-delivery writes
   * the rows they plan for the new addressee, as ingest does (postbus, a webhook row, …).
   */
  readonly channels: readonly DeliveryChannel[];
  /** Changes kept in the report and the run row; default 10,000. */
  readonly maxChanges?: number;
  readonly clock?: () => Date;
  readonly runId?: string;
  /** Berichten decided at once within a page (without --rate); default 16. */
  readonly decideConcurrency?: number;
  /**
   * Page transactions in flight at once; default 4. The write side is the slower half of a real run
   * (a changed bericht costs more in PostgreSQL than deciding it costs here), and each transaction
   * runs on one backend: measured on 2 cores, 3,333 of 10,000 changing, lz4: 2 → ~12,900/s, 4 →
   * ~14,200/s, 8 → no further gain. On PGlite the one connection serialises them anyway.
   */
  readonly writeConcurrency?: number;
}

const STATUS_OF: Readonly<Record<string, string>> = {
  route: BerichtStatus.KLAARGEZET,
  suppress: BerichtStatus.ONDERDRUKT,
  refuse: BerichtStatus.GEWEIGERD,
};

export async function runReplay(o: ReplayOptions): Promise<ReplayReport> {
  const clock = o.clock ?? (() => new Date());
  const runId = o.runId ?? randomUUID();
  const startedAt = clock();
  const t0 = performance.now();
  const maxChanges = o.maxChanges ?? 10_000;
  const counts: ReplayCounts = { selected: 0, unchanged: 0, changed: 0, redelivered: 0, skipped: 0, errors: 0, byTransition: {} };
  const changes: ReplayChange[] = [];
  await startReplayRun(o.db, { id: runId, startedAt, operator: o.operator, source: o.source, dryRun: o.dryRun, selection: o.selection });
  const decider: ReplayDecider = typeof o.decide === 'function' ? { decide: o.decide } : o.decide;
  let lastProgress = 0;
  const progress = (force: boolean): void => {
    const now = performance.now();
    if (!o.onProgress || (!force && now - lastProgress < 100)) return;
    lastProgress = now;
    o.onProgress({
      done: counts.selected,
      ...(o.total !== undefined ? { total: o.total } : {}),
      changed: counts.changed,
      redelivered: counts.redelivered,
      elapsedMs: now - t0,
    });
  };
  // The report keeps up to maxChanges entries (a change or an error each). An entry is reserved when
  // its bericht is decided, and only reserved ones have their journaled decision read and their text
  // built. Decisions as journaled: `was` has no summary, `now` drops its own.
  let reserved = 0;
  const reserve = (): boolean => (reserved < maxChanges ? (reserved++, true) : false);
  const keepChange = (item: ReplayItem, was: Decision | null, now: Decision, prefix = '', redelivered?: boolean): void => {
    const cmp = compareDecisions(was, now);
    changes.push({
      ...base(item),
      was,
      now: withoutSummary(now),
      text: prefix ? `${prefix} (${cmp.text})` : cmp.text,
      ...(redelivered !== undefined ? { redelivered } : {}),
    });
  };
  // Page writes in flight while later pages are read and decided (CPU and database overlap). Pages
  // hold disjoint berichten, so they may commit in any order.
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = o.writeConcurrency ?? 4;
  let writeError: unknown;
  const settle = async (max = 0): Promise<void> => {
    while (inFlight.size > max) await Promise.race(inFlight);
    if (writeError !== undefined) throw writeError;
  };

  try {
    for await (const page of prefetch(o.pages)) {
      const apply: Applying[] = [];
      await decider.prepare?.(page.filter((i) => i.outcome !== null));
      // Decide the page's berichten, results in page order. Most decide synchronously (the core on a
      // journaled summary that asks the state nothing); those that must ask the database run up to
      // decideConcurrency at once. Within a page no bericht sees another's new decision anyway: writes
      // follow the page. With --rate the pace is kept per bericht, one after the other.
      const limited = o.rate !== undefined && o.rate > 0;
      const outcomes = await decidePage(
        page,
        decider,
        limited ? 1 : (o.decideConcurrency ?? 16),
        limited
          ? async () => {
              const ahead = ((counts.selected + 1) / o.rate!) * 1000 - (performance.now() - t0);
              if (ahead > 20) await new Promise((r) => setTimeout(r, ahead));
              counts.selected++;
            }
          : undefined,
      );
      // This page's report entries made here (errors; a dry run's changes), in page order.
      const reported: ({ item: ReplayItem; now: Decision } | { item: ReplayItem; error: string })[] = [];
      for (const out of outcomes) {
        const item = out.item;
        if (!limited) counts.selected++;
        if ('skipped' in out) {
          counts.skipped++;
          continue;
        }
        if ('error' in out) {
          counts.errors++;
          if (reserve()) reported.push(out);
          continue;
        }
        const now = out.now;
        // Most berichten decide as before: that is told from the journaled action and addressee alone.
        if (!decisionChanged(item.outcome, now)) {
          counts.unchanged++;
          continue;
        }
        counts.changed++;
        const transition = transitionOf(item.outcome, now);
        counts.byTransition[transition] = (counts.byTransition[transition] ?? 0) + 1;
        if (o.dryRun) {
          if (reserve()) reported.push({ item, now });
        } else apply.push({ item, now, kept: reserve() });
      }
      if (reported.length > 0) {
        const was = await journaledDecisions(
          o.db,
          reported.map((r) => r.item.id),
        );
        for (const r of reported) {
          const w = was.get(r.item.id) ?? null;
          if ('error' in r) changes.push({ ...base(r.item), was: w, now: null, text: `error: ${r.error}` });
          else keepChange(r.item, w, r.now);
        }
      }
      if (apply.length > 0) {
        // Page writes stay in flight while the next pages are read and decided (CPU and the database
        // overlap); at most maxInFlight at once.
        await settle(maxInFlight - 1);
        const p: Promise<void> = o.db
          .transaction((tx) => applyChanges(tx, apply, runId, o.channels))
          .then(
            (applied) => {
              for (const a of applied) {
                if (a.redelivered) counts.redelivered++;
                if (!a.applied) {
                  counts.changed--;
                  counts.skipped++;
                  if (a.kept) keepChange(a.item, a.was, a.now, 'skipped: the decision changed meanwhile');
                } else if (a.kept) {
                  keepChange(a.item, a.was, a.now, '', a.redelivered);
                }
              }
            },
            (err: unknown) => {
              writeError = err ?? new Error('replay write failed');
            },
          )
          .finally(() => {
            inFlight.delete(p);
          });
        inFlight.add(p);
      }
      progress(false);
    }
    await settle();
    progress(true);
    const finishedAt = clock();
    await finishReplayRun(o.db, runId, finishedAt, counts, changes);
    return {
      type: 'sluis.replay',
      version: 1,
      runId,
      dryRun: o.dryRun,
      source: o.source,
      operator: o.operator,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      ...(decider.today ? { rulesDate: decider.today } : {}),
      selection: o.selection,
      counts,
      changes,
    };
  } catch (err) {
    await Promise.allSettled([...inFlight]);
    await failReplayRun(o.db, runId, counts).catch(() => undefined);
    throw err;
  }
}

function base(item: ReplayItem): Pick<ReplayChange, 'berichtId' | 'bericht' | 'sender' | 'ontvanger' | 'receivedAt'> {
  return {
    berichtId: item.id,
    bericht: item.bericht,
    sender: item.sender,
    ontvanger: item.sender === item.afzender ? item.ontvanger : item.afzender,
    receivedAt: item.receivedAt.toISOString(),
  };
}

/** A changed bericht on its way into the journal; `kept`: the report has an entry reserved for it. */
interface Applying {
  readonly item: ReplayItem;
  readonly now: Decision;
  readonly kept: boolean;
}

/**
 * Applies one page of changes in set-based statements (4 round trips per page instead of 4 per
 * bericht: 1,470/s → see the bench). Compare-and-set on journal.decision_rev: a concurrent replay (or
 * another instance) that already changed a bericht wins; this run reports it as skipped instead of
 * applying twice.
 */
async function applyChanges(
  tx: Db,
  batch: readonly Applying[],
  runId: string,
  channels: readonly DeliveryChannel[],
): Promise<(Applying & { applied: boolean; redelivered: boolean; was: Decision | null })[]> {
  // The decisions the report shows as `was`, read in this transaction before it changes them.
  const kept = batch.filter((b) => b.kept);
  const was =
    kept.length > 0
      ? await journaledDecisions(
          tx,
          kept.map((b) => b.item.id),
        )
      : undefined;
  const routedTo = (d: Decision): string | null => (d.action === 'route' && typeof d.addressee === 'string' ? d.addressee : null);
  // The new decision carries the summary it was taken on. When that is the very summary journaled
  // with the old decision (the core decider reads it from there), it is not sent back: the row keeps
  // its decision_summary, which the compare-and-set guarantees is the one read. That halves the JSON
  // this thread builds and the server parses (a 323's summary is about half its 2.6 KB decision).
  const applied = await redecide(
    tx,
    batch.map((b) => {
      const { summary, ...decision } = b.now;
      return {
        id: b.item.id,
        decision,
        summary: summary === undefined || summary === b.item.summary ? null : summary,
        addressee: routedTo(b.now),
        status: STATUS_OF[b.now.action] ?? BerichtStatus.BESLOTEN,
        rev: b.item.decisionRev,
      };
    }),
  );
  const done = batch.filter((b) => applied.has(b.item.id));
  if (done.length > 0) {
    const rows: StatusWrite[] = [];
    for (const b of done) {
      rows.push(
        {
          berichtId: b.item.id,
          status: BerichtStatus.BESLOTEN,
          detail: {
            replayRun: runId,
            action: b.now.action,
            addressee: routedTo(b.now),
            rules: b.now.reasons.map((r) => r.rule),
            was: b.item.outcome?.action ?? null,
          },
        },
        { berichtId: b.item.id, status: STATUS_OF[b.now.action] ?? BerichtStatus.BESLOTEN, detail: { replayRun: runId } },
      );
    }
    await insertStatuses(tx, rows);
  }
  // The rows the registered channels plan for the new addressee, as at ingest: same (party, bericht,
  // kind) and delivery keys as a first delivery, so nothing is delivered twice.
  const postbus: (PostbusWrite & { berichtId: string })[] = [];
  const outbox: (OutboxWrite & { berichtId: string })[] = [];
  for (const b of done) {
    const addressee = routedTo(b.now);
    if (addressee === null) continue;
    const plan = planDelivery(channels, { berichtId: b.item.id, addressee });
    for (const p of plan.postbus) postbus.push({ ...p, berichtId: b.item.id });
    for (const r of plan.outbox) outbox.push({ ...r, berichtId: b.item.id });
  }
  const redelivered = await insertPostbus(tx, postbus);
  await insertOutbox(tx, outbox);
  return batch.map((b) => ({
    ...b,
    applied: applied.has(b.item.id),
    redelivered: redelivered.has(b.item.id),
    was: was?.get(b.item.id) ?? null,
  }));
}

/** Asks for the next page while the current one is processed (database read overlaps deciding). */
async function* prefetch<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      // A rejection of the prefetched page surfaces at the next await; keep it from being "unhandled" meanwhile.
      next.catch(() => undefined);
      yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

type Decided = { item: ReplayItem; skipped: true } | { item: ReplayItem; now: Decision } | { item: ReplayItem; error: string };

/** Items decided between two turns of the event loop (~3 ms of deciding). */
const YIELD_EVERY = 100;

const errorText = (err: unknown): string => String((err as Error)?.message ?? err).slice(0, 300);

/**
 * Today's decision for each item, in page order. A synchronous result is taken at once (no promise,
 * no microtask: measured ~3 % of a dry run's thread when every bericht went through one); a promise
 * joins at most `limit` in flight. `pace`, when given, is awaited before each item.
 */
async function decidePage(
  page: readonly ReplayItem[],
  decider: ReplayDecider,
  limit: number,
  pace?: () => Promise<void>,
): Promise<Decided[]> {
  const out = new Array<Decided>(page.length);
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < page.length; i++) {
    const item = page[i]!;
    if (pace) await pace();
    // Let I/O in now and then: a page of synchronous decisions takes ~30–40 ms, and the next page's
    // read (BEGIN, SET LOCAL, SELECT, COMMIT) and the page writes in flight only move one round trip
    // per turn of the event loop. Without this the thread waited for the database ~16 % of a dry run.
    else if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((r) => setImmediate(r));
    if (!item.outcome) {
      out[i] = { item, skipped: true };
      continue;
    }
    let r: Decision | Promise<Decision>;
    try {
      r = decider.decide(item);
    } catch (err) {
      out[i] = { item, error: errorText(err) };
      continue;
    }
    if (!(r instanceof Promise)) {
      out[i] = { item, now: r };
      continue;
    }
    const p: Promise<void> = r
      .then(
        (now) => {
          out[i] = { item, now };
        },
        (err: unknown) => {
          out[i] = { item, error: errorText(err) };
        },
      )
      .finally(() => {
        inFlight.delete(p);
      });
    inFlight.add(p);
    while (inFlight.size >= limit) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return out;
}
