/**
 * Replay, transport-free: re-decides selected berichten with today's decide function, compares with
 * the journaled decision, and — unless dry-run — applies what changed: the journal's decision and status
 * (the Kafka trigger publishes a decision event with the previous decision), a status history row, and a
 * re-delivery to the new addressee's postbus (and webhook) with the same stable keys as the first
 * delivery, so running a replay twice, or after a crash, delivers nothing twice. The CLI (`sluis
 * replay`) and an operator endpoint both call `runReplay`; the run is journaled in `replay_runs`.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import type { Decision } from '../pipeline/types.js';
import { BerichtStatus } from '../pipeline/status.js';
import { compareDecisions } from './diff.js';
import type { ReplaySelection } from './selection.js';
import type { ReplayItem } from './source.js';
import type { ReplayDecider } from './decider.js';

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
  readonly selection: ReplaySelection;
  readonly counts: ReplayCounts;
  /** Per changed bericht (and per error); capped at `maxChanges` (the counts stay exact). */
  readonly changes: ReplayChange[];
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
  /** Parties with a webhook (a re-delivery also queues the webhook, delivery key as the gateway's). */
  readonly webhookParties?: ReadonlySet<string>;
  /** Changes kept in the report and the run row; default 10,000. */
  readonly maxChanges?: number;
  readonly clock?: () => Date;
  readonly runId?: string;
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
  await o.db.query(
    `INSERT INTO replay_runs (id, started_at, operator, source, dry_run, selection) VALUES ($1, $2, $3, $4, $5, $6)`,
    [runId, startedAt.toISOString(), o.operator, o.source, o.dryRun, JSON.stringify(o.selection)],
  );
  const decider: ReplayDecider = typeof o.decide === 'function' ? { decide: o.decide } : o.decide;
  let lastProgress = 0;
  const progress = (force: boolean): void => {
    const now = performance.now();
    if (!o.onProgress || (!force && now - lastProgress < 100)) return;
    lastProgress = now;
    o.onProgress({ done: counts.selected, ...(o.total !== undefined ? { total: o.total } : {}), changed: counts.changed, redelivered: counts.redelivered, elapsedMs: now - t0 });
  };
  const keep = (c: ReplayChange): void => { if (changes.length < maxChanges) changes.push(c); };

  try {
    for await (const page of o.pages) {
      const apply: { item: ReplayItem; now: Decision; change: ReplayChange }[] = [];
      await decider.prepare?.(page.filter((i) => i.decision !== null));
      for (const item of page) {
        counts.selected++;
        if (o.rate && o.rate > 0) {
          const ahead = (counts.selected / o.rate) * 1000 - (performance.now() - t0);
          if (ahead > 20) await new Promise((r) => setTimeout(r, ahead));
        }
        if (!item.decision) { counts.skipped++; continue; }
        let now: Decision;
        try {
          now = await decider.decide(item);
        } catch (err) {
          counts.errors++;
          keep({ ...base(item), was: item.decision, now: null, text: `error: ${String((err as Error)?.message ?? err).slice(0, 300)}` });
          continue;
        }
        const cmp = compareDecisions(item.decision, now);
        if (!cmp.changed) { counts.unchanged++; continue; }
        counts.changed++;
        counts.byTransition[cmp.transition] = (counts.byTransition[cmp.transition] ?? 0) + 1;
        const change: ReplayChange = { ...base(item), was: item.decision, now, text: cmp.text };
        if (o.dryRun) keep(change); else apply.push({ item, now, change });
      }
      if (apply.length > 0) {
        const applied = await o.db.transaction(async (tx) => {
          const out: ReplayChange[] = [];
          for (const a of apply) out.push(await applyChange(tx, a.item, a.now, a.change, runId, o.webhookParties));
          return out;
        });
        for (const c of applied) {
          if (c.redelivered) counts.redelivered++;
          if (c.text.startsWith('skipped:')) { counts.changed--; counts.skipped++; }
          keep(c);
        }
      }
      progress(false);
    }
    progress(true);
    const finishedAt = clock();
    await o.db.query(
      `UPDATE replay_runs SET finished_at = $2, counts = $3, changes = $4, status = 'done' WHERE id = $1`,
      [runId, finishedAt.toISOString(), JSON.stringify(counts), JSON.stringify(changes)],
    );
    return {
      type: 'sluis.replay', version: 1, runId, dryRun: o.dryRun, source: o.source, operator: o.operator,
      startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), selection: o.selection, counts, changes,
    };
  } catch (err) {
    await o.db.query(`UPDATE replay_runs SET finished_at = now(), counts = $2, status = 'failed' WHERE id = $1`, [runId, JSON.stringify(counts)]).catch(() => undefined);
    throw err;
  }
}

function base(item: ReplayItem): Pick<ReplayChange, 'berichtId' | 'bericht' | 'sender' | 'ontvanger' | 'receivedAt'> {
  return { berichtId: item.id, bericht: item.bericht, sender: item.sender, ontvanger: item.sender === item.afzender ? item.ontvanger : item.afzender, receivedAt: item.receivedAt.toISOString() };
}

async function applyChange(tx: Db, item: ReplayItem, now: Decision, change: ReplayChange, runId: string, webhooks?: ReadonlySet<string>): Promise<ReplayChange> {
  const routed = now.action === 'route' && typeof now.addressee === 'string';
  const status = STATUS_OF[now.action] ?? BerichtStatus.BESLOTEN;
  // Compare-and-set on the decision: a concurrent replay (or a second instance) that already applied
  // a change wins; this one reports it as skipped instead of applying twice.
  const upd = await tx.query<{ id: string }>(
    `UPDATE journal SET decision = $2::jsonb, addressee = $3, status = $4
      WHERE id = $1 AND decision = $5::jsonb RETURNING id`,
    [item.id, JSON.stringify(now), routed ? now.addressee : null, status, JSON.stringify(item.decision)],
  );
  if (upd.rows.length === 0) return { ...change, text: `skipped: the decision changed meanwhile (${change.text})` };
  await tx.query(
    `INSERT INTO journal_status (bericht_id, status, detail) VALUES ($1, $2, $3::jsonb), ($1, $4, $5::jsonb)`,
    [item.id, BerichtStatus.BESLOTEN, JSON.stringify({ replayRun: runId, action: now.action, addressee: routed ? now.addressee : null, rules: now.reasons.map((r) => r.rule), was: item.decision?.action ?? null }),
      status, JSON.stringify({ replayRun: runId })],
  );
  let redelivered = false;
  if (routed) {
    const party = now.addressee as string;
    const pb = await tx.query<{ seq: string }>(
      `INSERT INTO postbus (party, bericht_id, kind) VALUES ($1, $2, 'bericht') ON CONFLICT (party, bericht_id, kind) DO NOTHING RETURNING seq`,
      [party, item.id],
    );
    redelivered = pb.rows.length > 0;
    if (webhooks?.has(party)) {
      await tx.query(
        `INSERT INTO outbox (bericht_id, channel, destination, delivery_key, payload) VALUES ($1, 'webhook', $2, $3, $4::jsonb)
         ON CONFLICT (delivery_key) DO NOTHING`,
        [item.id, party, `${item.id}.webhook.${party}`, JSON.stringify({ berichtId: item.id, party })],
      );
    }
  }
  return { ...change, redelivered };
}
