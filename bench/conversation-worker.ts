/**
 * Child process for the declaratie-conversation suite: takes ONE 323 file as the live pipeline does
 * (parse, summarize, conversation facts, prefetch the rules' questions from the journal, check) against
 * a PostgreSQL schema the parent seeded with toewijzingen, and prints one JSON line with the phases'
 * wall times and peak RSS (`process.resourceUsage().maxRSS`: the whole process life, Node's baseline
 * included). Then it journals the 323 (the side tables' trigger writes its prestaties) and checks the
 * same file again, now against its own prestaties: the worst case of the ReferentieNummer questions.
 *
 *   node dist/bench/conversation-worker.js <file> <postgres-url> <schema> <client-key-secret> <today>
 */
import { readFileSync } from 'node:fs';
import { checkConversation } from '../src/conversation/check.js';
import { withConversationFacts } from '../src/conversation/facts.js';
import { CONVERSATION_RULES } from '../src/conversation/rules.js';
import { prefetchConversation } from '../src/conversation/state.js';
import type { AsyncConversationState, ConversationSummary } from '../src/conversation/types.js';
import { summarize } from '../src/decision/summary.js';
import { clientKeyFn } from '../src/pipeline/client-key.js';
import { conversationState } from '../src/pipeline/conversation-state.js';
import { openDb } from '../src/store/db.js';
import { newId } from '../src/store/ids.js';
import { writeBatch } from '../src/store/journal/insert.js';
import { parseBericht } from '../src/validation/parse.js';

export interface ConversationWorkerResult {
  readonly parseSeconds: number;
  /** summarize + facts + prefetch + check, against the seeded toewijzingen. */
  readonly conversationSeconds: number;
  /** The same step's user + system CPU seconds in this process (PostgreSQL's own not included). */
  readonly conversationCpuSeconds: number;
  readonly summarizeSeconds: number;
  readonly factsSeconds: number;
  readonly prefetchSeconds: number;
  readonly checkSeconds: number;
  readonly prestaties: number;
  readonly findings: Readonly<Record<string, number>>;
  /** Writing the 323's journal row, its side-table rows included (trigger). */
  readonly journalSeconds: number;
  /** The same file checked again with its own prestaties journaled. */
  readonly againSeconds: number;
  readonly againFindings: Readonly<Record<string, number>>;
  readonly rssAfterParseBytes: number;
  /** Peak RSS up to the end of the first check (before the journal write and the second check). */
  readonly maxRssFirstCheckBytes: number;
  readonly maxRssBytes: number;
}

/** Progress on stderr (the suite passes it through), so a slow phase shows while it runs. */
const log = (line: string): void => {
  process.stderr.write(`    worker: ${line}\n`);
};
const secondsSince = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;
const count = (fs: readonly { rule: string }[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const f of fs) out[f.rule] = (out[f.rule] ?? 0) + 1;
  return out;
};

async function main(): Promise<void> {
  const [file, url, schema, secret, today = '2026-11-23'] = process.argv.slice(2);
  if (file === undefined || url === undefined || schema === undefined || secret === undefined)
    throw new Error('usage: conversation-worker <file> <postgres-url> <schema> <secret> [today]');
  const opened = await openDb({ databaseUrl: url, schema, poolSize: 2 });
  try {
    // Each store call timed (stderr): which statement of the batch costs what.
    const inner = conversationState(opened.db);
    const timed = <K extends keyof AsyncConversationState>(k: K): AsyncConversationState[K] =>
      (async (q: never) => {
        const t0 = process.hrtime.bigint();
        const r = await (inner[k] as (q: never) => Promise<unknown>)(q);
        log(`  store.${k} ${secondsSince(t0).toFixed(3)} s${Array.isArray(r) ? `, ${r.length} rows` : ''}`);
        return r;
      }) as AsyncConversationState[K];
    const state: AsyncConversationState = {
      ...inner,
      toegewezen: timed('toegewezen'),
      prestaties: timed('prestaties'),
      prestatiesOpToewijzing: timed('prestatiesOpToewijzing'),
    };
    const raw = readFileSync(file);
    let t = process.hrtime.bigint();
    const p = parseBericht(raw);
    if (!p.success) throw new Error('the 323 does not parse');
    const parseSeconds = secondsSince(t);
    const rssAfterParseBytes = process.memoryUsage().rss;

    const check = async (): Promise<{ s: ConversationSummary; phases: number[]; cpu: number; findings: Record<string, number> }> => {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const summary = summarize(p.message, p.bericht);
      const t1 = process.hrtime.bigint();
      log(`summarize ${secondsSince(t0).toFixed(3)} s`);
      const s = withConversationFacts(summary, p.bericht, clientKeyFn(secret));
      const t2 = process.hrtime.bigint();
      log(`facts ${secondsSince(t1).toFixed(3)} s`);
      const snap = await prefetchConversation(s, state, CONVERSATION_RULES);
      const t3 = process.hrtime.bigint();
      log(`prefetch ${secondsSince(t2).toFixed(3)} s`);
      const f = checkConversation(s, snap, { today }, CONVERSATION_RULES);
      const t4 = process.hrtime.bigint();
      log(`check ${secondsSince(t3).toFixed(3)} s`);
      const d = (a: bigint, b: bigint): number => Number(b - a) / 1e9;
      const c = process.cpuUsage(c0);
      return { s, phases: [d(t0, t4), d(t0, t1), d(t1, t2), d(t2, t3), d(t3, t4)], cpu: (c.user + c.system) / 1e6, findings: count(f) };
    };
    const first = await check();
    const maxRssFirstCheckBytes = process.resourceUsage().maxRSS * 1024;

    t = process.hrtime.bigint();
    const s = first.s;
    const id = newId();
    await writeBatch(opened.db, [
      {
        id,
        receivedAt: new Date(),
        standard: s.standard,
        bericht: s.id,
        berichtCode: s.berichtCode,
        afzender: s.afzender,
        ontvanger: s.ontvanger,
        sender: s.aanbieder,
        addressee: s.gemeente,
        identificatie: s.identificatie,
        idemKey: `${s.aanbieder}|${s.berichtCode}|${s.identificatie}`,
        sha256: 'x'.repeat(64),
        raw,
        summary: {},
        status: 'klaargezet',
        decision: { action: 'route', addressee: s.gemeente, reasons: [], summary: s },
        issues: [],
        retourXml: null,
        duplicateOf: null,
        history: [{ status: 'ontvangen' }, { status: 'klaargezet' }],
        postbus: [],
        outbox: [],
      },
    ]);
    const journalSeconds = secondsSince(t);
    log(`journal write ${journalSeconds.toFixed(3)} s`);
    const again = await check();

    const [conversationSeconds, summarizeSeconds, factsSeconds, prefetchSeconds, checkSeconds] = first.phases as [
      number,
      number,
      number,
      number,
      number,
    ];
    const result: ConversationWorkerResult = {
      parseSeconds,
      conversationSeconds,
      conversationCpuSeconds: first.cpu,
      summarizeSeconds,
      factsSeconds,
      prefetchSeconds,
      checkSeconds,
      prestaties: s.items.length,
      findings: first.findings,
      journalSeconds,
      againSeconds: again.phases[0]!,
      againFindings: again.findings,
      rssAfterParseBytes,
      maxRssFirstCheckBytes,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await opened.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
