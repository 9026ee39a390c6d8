/**
 * Where replayed berichten come from: the journal (embedded mode, or whenever asked), or the inbound
 * Kafka topic (when configured). Both yield the same `ReplayItem`, page by page, in order; the
 * journaled decision is read from the journal in both cases (Kafka carries the raw bericht only).
 */
import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Db } from '../store/db.js';
import { journaledDecisions as readDecisions } from '../store/journal/decisions.js';
import type { ReplayRow } from '../store/journal/replay-filter.js';
import { countReplaySelection } from '../store/journal/replay-count.js';
import { readReplayPage } from '../store/journal/replay-page.js';
import { readReplayRows } from '../store/journal/replay-rows.js';
import type { BerichtSummary } from '../decision/summary.js';
import type { Decision } from '../pipeline/types.js';
import { headerString, KafkaHeader } from '../kafka/headers.js';
import { berichtNumber } from '../kafka/events.js';
import { SelectionError, SelectionErrorCode, type RangeBound, type ReplaySelection } from './selection.js';

/** What a journaled decision decided, read without its reasons: enough to tell whether today's differs. */
export interface DecisionOutcome {
  readonly action: string;
  readonly addressee: string | null;
}

export interface ReplayItem {
  readonly id: string;
  readonly receivedAt: Date;
  readonly standard: string;
  /** Message number '301' … '325'. */
  readonly bericht: string;
  readonly berichtCode: string;
  readonly afzender: string;
  readonly ontvanger: string;
  readonly sender: string;
  readonly status: string;
  /**
   * Action and addressee of the journaled decision (null: rejected at validation, no decision taken).
   * The whole decision is not read with the page: the report reads it for the changes it keeps
   * (`journaledDecisions`).
   */
  readonly outcome: DecisionOutcome | null;
  /** The decision core's summary journaled with that decision (journal.decision_summary), when there is one. */
  readonly summary?: BerichtSummary | undefined;
  /** journal.decision_rev when read: a replay applies its change only if it is still this (compare-and-set). */
  readonly decisionRev: number;
  /** The raw bericht; present when the source was asked for it (or always, from Kafka). */
  readonly raw?: Uint8Array | undefined;
  /** The decision core's summary cached by an earlier replay (replay_summaries), when there is one. */
  readonly cachedSummary?: BerichtSummary | undefined;
  /** Kafka position when read from the topic. */
  readonly position?: { readonly partition: number; readonly offset: string } | undefined;
}

export interface ReplaySourceOptions {
  /** Rows per page; default 1000. */
  readonly pageSize?: number;
  /** Read raw bytes too (only when the decider needs them: it costs I/O). */
  readonly withRaw?: boolean;
}

/**
 * The journal columns a replay reads (src/store/journal/replay-filter.ts ReplayRow): of the decision
 * only its action and addressee, which tell whether today's differs. Most replayed berichten decide
 * as before, and the report keeps only so many changes, so the whole decision (1.1–1.4 KB of JSON in
 * the bench) is read only for those (`journaledDecisions`). Measured on 10,000 (3,333 changing) on 2
 * cores, 8 runs each way, medians: dry run 31,450 → 41,150/s (PostgreSQL 0.14 → 0.09 CPU-s per run,
 * Node 0.35 → 0.28), real run 19,530 → 21,500/s (PostgreSQL 0.48 → 0.43): the server no longer
 * renders every decision as JSON, nor does this thread decode it. (Before, reading the text and
 * parsing it on demand had beaten parsing every decision: in-process B/A 1.102 over 16 pairs.)
 */
type JournalRow = ReplayRow;

/** A journal row as a ReplayItem (one literal, every field in one order: one shape for V8). */
function journalItem(r: JournalRow, raw?: Uint8Array, position?: ReplayItem['position']): ReplayItem {
  return {
    id: r.id,
    receivedAt: r.received_at instanceof Date ? r.received_at : new Date(r.received_at),
    standard: r.standard,
    bericht: berichtNumber(r.bericht),
    berichtCode: r.bericht_code,
    afzender: r.afzender,
    ontvanger: r.ontvanger,
    sender: r.sender,
    status: r.status,
    // A journaled decision always has an action (src/pipeline/types.ts); none means none was taken.
    outcome: r.was_action === null ? null : { action: r.was_action, addressee: r.was_addressee },
    // The summaries are the core's, journaled (or cached) as JSON by this code: read back as such.
    summary: (r.decision_summary as BerichtSummary | null) ?? undefined,
    decisionRev: r.decision_rev,
    raw: raw ?? r.raw,
    cachedSummary: (r.cached_summary as BerichtSummary | null) ?? undefined,
    position,
  };
}

/**
 * The journaled decisions of these berichten, as journaled now (the report's `was`). A bericht whose
 * decision another run changed since its page was read shows that newer decision; a real run skips
 * such a bericht (compare-and-set) and says so.
 */
export async function journaledDecisions(db: Db, ids: readonly string[]): Promise<Map<string, Decision | null>> {
  return readDecisions<Decision>(db, ids);
}

/** How many berichten the journal selection holds (for the progress bar). */
export async function countJournalSelection(db: Db, sel: ReplaySelection): Promise<number> {
  const { from, to } = timeBounds(sel);
  return countReplaySelection(db, from, to, sel);
}

function timeBounds(sel: ReplaySelection): { from: string; to: string } {
  if (sel.from.kind !== 'time' || sel.to.kind !== 'time') {
    throw new SelectionError(
      SelectionErrorCode.invalid,
      '--from',
      'offsets select from the Kafka inbound topic; the journal is selected by time (configure KAFKA_BROKERS or give ISO times)',
    );
  }
  return { from: sel.from.at, to: sel.to.at };
}

/** Journal rows in [from, to) by (received_at, id), keyset-paged. */
export async function* journalSource(db: Db, sel: ReplaySelection, opts: ReplaySourceOptions = {}): AsyncGenerator<ReplayItem[]> {
  const { from, to } = timeBounds(sel);
  const page = opts.pageSize ?? 1000;
  let afterAt: string | null = null;
  let afterId = '';
  for (;;) {
    const rows = await readReplayPage(db, {
      from,
      to,
      filter: sel,
      afterAt,
      afterId,
      limit: page,
      ...(opts.withRaw ? { withRaw: true } : {}),
    });
    if (rows.length === 0) return;
    yield rows.map((r) => journalItem(r));
    if (rows.length < page) return;
    const last = rows[rows.length - 1]!;
    // The text form keeps PostgreSQL's microseconds (a JS Date would cut them to milliseconds and
    // repeat or skip rows on the page boundary).
    afterAt = last.at_text;
    afterId = last.id;
  }
}

function offsetOf(b: RangeBound, partition: number): number | undefined {
  if (b.kind !== 'offset') return undefined;
  return b.perPartition?.[partition] ?? b.all;
}

/**
 * The inbound topic from `from` to `to`. Offsets select exactly; times filter on the message timestamp
 * (the publisher sets it to the journal's received_at) while reading each partition up to the high
 * watermark taken at the start — brokers' timestamp index is not relied on (the test broker has none).
 */
export async function* kafkaSource(
  kafka: Kafka,
  topic: string,
  db: Db,
  sel: ReplaySelection,
  opts: ReplaySourceOptions = {},
): AsyncGenerator<ReplayItem[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const plan = new Map<number, { start: number; end: number }>();
  const named = (b: RangeBound): Readonly<Record<number, number>> | undefined => (b.kind === 'offset' ? b.perPartition : undefined);
  for (const e of ends) {
    // Offsets given per partition select only the partitions named.
    const listed = named(sel.from) ?? named(sel.to);
    if (listed && listed[e.partition] === undefined) continue;
    const low = Number(e.low);
    const high = Number(e.high);
    const start = Math.max(low, offsetOf(sel.from, e.partition) ?? low);
    const end = Math.min(high, offsetOf(sel.to, e.partition) ?? high);
    if (end > start) plan.set(e.partition, { start, end });
  }
  if (plan.size === 0) return;
  const fromMs = sel.from.kind === 'time' ? Date.parse(sel.from.at) : -Infinity;
  const toMs = sel.to.kind === 'time' ? Date.parse(sel.to.at) : Infinity;

  // A bounded hand-over between the consumer's eachBatch and this generator (backpressure: the
  // consumer waits while 4 pages are unread).
  const pages: ReplayItem[][] = [];
  let wakeReader: (() => void) | undefined;
  let wakeWriter: (() => void) | undefined;
  let finished = false;
  let failure: unknown;
  const remaining = new Set(plan.keys());
  const consumer = kafka.consumer({
    groupId: `sluis-replay-${randomBytes(6).toString('hex')}`,
    sessionTimeout: 30_000,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const page = opts.pageSize ?? 1000;
  void consumer
    .run({
      autoCommit: false,
      eachBatch: async ({ batch, isRunning }) => {
        const p = plan.get(batch.partition);
        if (!p || !remaining.has(batch.partition)) return;
        const picked: { m: (typeof batch.messages)[number]; id: string }[] = [];
        for (const m of batch.messages) {
          const off = Number(m.offset);
          if (off < p.start) continue;
          if (off >= p.end) {
            remaining.delete(batch.partition);
            break;
          }
          if (off === p.end - 1) remaining.delete(batch.partition);
          const ts = Number(m.timestamp);
          if (ts < fromMs || ts >= toMs) continue;
          const h = m.headers as Record<string, unknown> | undefined;
          if (sel.standard && headerString(h, KafkaHeader.standard) !== sel.standard) continue;
          if (sel.bericht && headerString(h, KafkaHeader.bericht) !== sel.bericht) continue;
          const parties = [headerString(h, KafkaHeader.sender), headerString(h, KafkaHeader.addressee)];
          if (sel.gemeente && !parties.includes(sel.gemeente)) continue;
          if (sel.aanbieder && !parties.includes(sel.aanbieder)) continue;
          const id = headerString(h, KafkaHeader.sluisId);
          if (id) picked.push({ m, id });
        }
        for (let i = 0; i < picked.length && isRunning(); i += page) {
          const part = picked.slice(i, i + page);
          const rows = await readReplayRows(
            db,
            part.map((x) => x.id),
          );
          const byId = new Map(rows.map((r) => [r.id, r]));
          const items: ReplayItem[] = [];
          for (const { m, id } of part) {
            const r = byId.get(id);
            if (!r) continue; // not in this journal (another deployment's log, or purged): nothing to compare or re-deliver
            if (sel.decision && r.was_action !== sel.decision) continue;
            items.push(journalItem(r, m.value ? new Uint8Array(m.value) : undefined, { partition: batch.partition, offset: m.offset }));
          }
          if (items.length > 0) {
            while (pages.length >= 4 && isRunning())
              await new Promise<void>((r) => {
                wakeWriter = r;
              });
            pages.push(items);
            wakeReader?.();
          }
        }
        if (remaining.size === 0) {
          finished = true;
          wakeReader?.();
        }
      },
    })
    .catch((err: unknown) => {
      failure = err;
      finished = true;
      wakeReader?.();
    });
  for (const [partition, p] of plan) consumer.seek({ topic, partition, offset: String(p.start) });
  try {
    for (;;) {
      if (pages.length > 0) {
        const next = pages.shift()!;
        wakeWriter?.();
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((r) => {
        wakeReader = r;
      });
    }
  } finally {
    finished = true;
    wakeWriter?.();
    await consumer.disconnect().catch(() => undefined);
  }
}
