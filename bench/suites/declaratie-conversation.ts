/**
 * Suite: the conversation rules on a ~25 MB JW323 (~15,000 prestaties) checked against 15,000 stored
 * toewijzingen for its clients (and as many for another aanbieder), on PostgreSQL, beside
 * `xmllint --noout --schema` on the same file. A child process (conversation-worker.ts) parses the
 * file, then runs summarize → conversation facts → prefetch (one statement per question kind) →
 * check; that step is timed against xmllint. Each run gets a freshly seeded schema. The 323 is a
 * consistent one (bench/corpus.ts writeConsistentDeclaratie), as a gateway is asked to pass: the first
 * check asks every question and finds nothing; the second (its own prestaties journaled) finds TR314
 * and TR389 on every prestatie.
 * Targets: conversation step ≤ 3 × xmllint's time; peak RSS ≤ 4 × the file size.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { clientKeyFn } from '../../src/pipeline/client-key.js';
import { openDb } from '../../src/store/db.js';
import { newId } from '../../src/store/ids.js';
import { writeBatch } from '../../src/store/journal/insert.js';
import type { JournalWrite } from '../../src/store/journal/types.js';
import { migrate } from '../../src/store/migrate.js';
import { parseBericht } from '../../src/validation/parse.js';
import { xsdPath } from '../../test/support/paths.js';
import type { ConversationWorkerResult } from '../conversation-worker.js';
import { writeConsistentDeclaratie } from '../corpus.js';
import { best, fmt, mb, worst, type BenchContext, type BenchRow, type Suite } from '../suite.js';

const SEED = 323;
const TIME = '/usr/bin/time';
const SECRET = 'bench-client-key-secret-0123456789';
const PG_URL = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Stored toewijzingen for the 323's own gemeente–aanbieder pair (the rest of the 15,000 are filler numbers). */
const STORED = 15_000;

function run(
  cmd: string,
  args: readonly string[],
  stderr: 'pipe' | 'inherit' = 'pipe',
): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  return new Promise((resolvePromise, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', stderr] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        seconds: Number(process.hrtime.bigint() - t0) / 1e9,
      }),
    );
  });
}

async function xmllint(xsd: string, file: string): Promise<{ seconds: number; cpuSeconds?: number; ok: boolean }> {
  const args = ['--noout', '--schema', xsd, file];
  const r = existsSync(TIME) ? await run(TIME, ['-v', 'xmllint', ...args]) : await run('xmllint', args);
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  return {
    seconds: r.seconds,
    ...(user && sys ? { cpuSeconds: Number(user[1]) + Number(sys[1]) } : {}),
    ok: r.stderr.includes(`${file} validates`),
  };
}

interface Line {
  toewijzingNummer: string;
  categorie: string;
  code: string;
}

/** The 323's parties and, per client (keyed), the products it declares. */
function declared(file: string): { gemeente: string; aanbieder: string; clients: Map<string, Line[]> } {
  const p = parseBericht(readFileSync(file));
  if (!p.success) throw new Error('the generated 323 does not parse');
  const b = p.bericht as {
    Header: { Afzender: string; Ontvanger: string };
    Declaratie: {
      Clienten: {
        Client: {
          Bsn: string;
          Prestaties: { Prestatie: { ToewijzingNummer: number | string; ProductCategorie: string; ProductCode: string }[] };
        }[];
      };
    };
  };
  const key = clientKeyFn(SECRET);
  const clients = new Map<string, Line[]>();
  for (const c of b.Declaratie.Clienten.Client) {
    const k = key(c.Bsn);
    const lines = clients.get(k) ?? [];
    for (const pr of c.Prestaties.Prestatie)
      lines.push({ toewijzingNummer: String(pr.ToewijzingNummer), categorie: pr.ProductCategorie, code: pr.ProductCode });
    clients.set(k, lines);
  }
  return { aanbieder: b.Header.Afzender, gemeente: b.Header.Ontvanger, clients };
}

function toewijzing(i: number, gemeente: string, aanbieder: string, client: string, lines: readonly Line[]): JournalWrite {
  const id = newId();
  const items = lines.map((l, n) => ({
    kind: 'ToegewezenProduct',
    index: n + 1,
    path: `/Bericht/Client/ToegewezenProducten/ToegewezenProduct[${n + 1}]`,
    datum: '2020-01-01',
    categorie: l.categorie,
    code: l.code,
    toewijzingNummer: l.toewijzingNummer,
    client,
  }));
  const summary = { id: 'JW301', standard: 'ijw', nummer: '301', gemeente, aanbieder, identificatie: `T${i}`, items };
  return {
    id,
    receivedAt: new Date(Date.now() - 86_400_000),
    standard: 'ijw',
    bericht: 'JW301',
    berichtCode: '436',
    afzender: gemeente,
    ontvanger: aanbieder,
    sender: gemeente,
    addressee: aanbieder,
    identificatie: `T${i}`,
    idemKey: `${gemeente}|436|T${i}`,
    sha256: 'x'.repeat(64),
    raw: Buffer.from(`<seed ${i}/>`),
    summary: {},
    status: 'klaargezet',
    decision: { action: 'route', addressee: aanbieder, reasons: [], summary },
    issues: [],
    retourXml: null,
    duplicateOf: null,
    history: [{ status: 'ontvangen' }, { status: 'klaargezet' }],
    postbus: [],
    outbox: [],
  };
}

/** A fresh migrated schema with the 323's toewijzingen (one 301 per client) and as many for another aanbieder. */
async function seed(d: ReturnType<typeof declared>): Promise<{ schema: string; stored: number; drop: () => Promise<void> }> {
  const schema = `bench_conv_${randomBytes(3).toString('hex')}`;
  const opened = await openDb({ databaseUrl: PG_URL, schema, poolSize: 2 });
  const drop = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await c.end();
    }
  };
  try {
    await migrate(opened.db);
    const writes: JournalWrite[] = [];
    let stored = 0;
    let i = 0;
    for (const [client, lines] of d.clients) {
      const uniq = [...new Map(lines.map((l) => [l.toewijzingNummer, l])).values()];
      writes.push(toewijzing(i++, d.gemeente, d.aanbieder, client, uniq));
      stored += uniq.length;
    }
    // Filler up to STORED for the same pair (other clients), and STORED for another aanbieder.
    for (let n = 0; stored < STORED; n++, stored++)
      writes.push(
        toewijzing(i++, d.gemeente, d.aanbieder, `f${n}`.padEnd(32, '0'), [{ toewijzingNummer: `9${n}`, categorie: '45', code: '45A01' }]),
      );
    for (let n = 0; n < STORED; n += 10) {
      const lines = Array.from({ length: 10 }, (_, k) => ({ toewijzingNummer: `8${n + k}`, categorie: '45', code: '45A01' }));
      writes.push(toewijzing(i++, d.gemeente, '99999999', `o${n}`.padEnd(32, '0'), lines));
    }
    for (let k = 0; k < writes.length; k += 200) await writeBatch(opened.db, writes.slice(k, k + 200));
    await opened.db.query('ANALYZE');
    return { schema, stored, drop };
  } catch (err) {
    await drop();
    throw err;
  } finally {
    await opened.close();
  }
}

async function worker(file: string, schema: string, today: string): Promise<ConversationWorkerResult> {
  const self = fileURLToPath(import.meta.url);
  const w = join(self, '..', '..', self.endsWith('.ts') ? 'conversation-worker.ts' : 'conversation-worker.js');
  const pre = self.endsWith('.ts') ? ['--import', 'tsx'] : [];
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the worker, for finding where its time goes.
  const prof = process.env['BENCH_CPU_PROF'];
  if (prof !== undefined) pre.push('--cpu-prof', `--cpu-prof-dir=${prof}`);
  const r = await run(process.execPath, [...pre, w, file, PG_URL, schema, SECRET, today], 'inherit');
  if (r.code !== 0) throw new Error(`conversation worker failed (exit ${r.code ?? 'signal'})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ConversationWorkerResult;
}

export const declaratieConversation: Suite = {
  name: 'declaratie-conversation',
  description: 'conversation rules on a ~25 MB JW323 against 15,000 stored toewijzingen (PostgreSQL) vs xmllint --schema on the same file',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const { bigBytes, today } = ctx.options;
    const runs = Math.min(ctx.options.runs, 3);
    const file = join(ctx.workDir, 'conv-JW323.xml');
    const gen = writeConsistentDeclaratie(file, bigBytes, SEED);
    const d = declared(file);
    ctx.log(`big: ${mb(gen.bytes)}, ${fmt(gen.clienten)} Clienten, ${fmt(gen.prestaties)} Prestaties`);
    const xsd = xsdPath('JW323');
    const ws: ConversationWorkerResult[] = [];
    const xs: Awaited<ReturnType<typeof xmllint>>[] = [];
    let stored = 0;
    for (let r = 0; r < runs; r++) {
      const s = await seed(d);
      stored = s.stored;
      try {
        ws.push(await worker(file, s.schema, today));
      } finally {
        await s.drop();
      }
      xs.push(await xmllint(xsd, file));
    }
    if (!xs[0]!.ok) ctx.log('WARNING: xmllint did not accept the generated file');
    const w = ws[0]!;
    ctx.log(
      `stored toewijzingen for the pair: ${fmt(stored)} (+${fmt(STORED)} for another aanbieder); findings ${JSON.stringify(w.findings)}`,
    );
    ctx.log(`checked again with its own prestaties journaled: findings ${JSON.stringify(w.againFindings)}`);
    const pickBest = (f: (x: ConversationWorkerResult) => number): number => best(ws.map(f));
    const cT = pickBest((x) => x.conversationSeconds);
    const xT = best(xs.map((x) => x.seconds));
    const rss = worst(ws.map((x) => x.maxRssBytes));
    const rss1 = worst(ws.map((x) => x.maxRssFirstCheckBytes));
    const cC = pickBest((x) => x.conversationCpuSeconds);
    const xCs = xs.flatMap((x) => (x.cpuSeconds === undefined ? [] : [x.cpuSeconds]));
    const xC = xCs.length > 0 ? best(xCs) : undefined;
    const phases = `summarize ${fmt(
      pickBest((x) => x.summarizeSeconds),
      3,
    )} s, facts ${fmt(
      pickBest((x) => x.factsSeconds),
      3,
    )} s, prefetch ${fmt(
      pickBest((x) => x.prefetchSeconds),
      3,
    )} s, check ${fmt(
      pickBest((x) => x.checkSeconds),
      3,
    )} s`;
    ctx.log(
      `phases (best): ${phases}; parse ${fmt(
        pickBest((x) => x.parseSeconds),
        2,
      )} s; journal write ${fmt(
        pickBest((x) => x.journalSeconds),
        2,
      )} s`,
    );
    const data = {
      fileBytes: gen.bytes,
      prestaties: gen.prestaties,
      stored,
      runs,
      conversationSeconds: cT,
      xmllintSeconds: xT,
      parseSeconds: pickBest((x) => x.parseSeconds),
      prefetchSeconds: pickBest((x) => x.prefetchSeconds),
      journalSeconds: pickBest((x) => x.journalSeconds),
      againSeconds: pickBest((x) => x.againSeconds),
      maxRssBytes: rss,
      maxRssFirstCheckBytes: rss1,
      conversationCpuSeconds: cC,
      xmllintCpuSeconds: xC ?? -1,
      rssAfterParseBytes: worst(ws.map((x) => x.rssAfterParseBytes)),
    };
    return [
      {
        suite: this.name,
        measure: `time, conversation step on a ${mb(gen.bytes)} JW323 vs ${fmt(stored)} stored toewijzingen`,
        sluis: `${fmt(cT, 2)} s`,
        baseline: `${fmt(xT, 2)} s (xmllint)`,
        ratioLabel: 'Sluis ÷ xmllint (s)',
        ratio: cT / xT,
        target: { op: '<=', value: 3.0 },
        data,
      },
      ...(xC === undefined
        ? []
        : [
            {
              suite: this.name,
              measure: 'same, CPU seconds (user+sys of the Node process; PostgreSQL’s not included)',
              sluis: `${fmt(cC, 2)} CPU-s`,
              baseline: `${fmt(xC, 2)} CPU-s (xmllint)`,
              ratioLabel: 'Sluis ÷ xmllint (CPU-s)',
              ratio: cC / xC,
              data: {},
            },
          ]),
      {
        suite: this.name,
        measure: 'same, checked again with its own prestaties journaled (TR314 on all)',
        sluis: `${fmt(
          pickBest((x) => x.againSeconds),
          2,
        )} s`,
        baseline: `${fmt(xT, 2)} s (xmllint)`,
        ratioLabel: 'Sluis ÷ xmllint (s)',
        ratio: pickBest((x) => x.againSeconds) / xT,
        data: {},
      },
      {
        suite: this.name,
        measure: 'peak RSS to the end of the check (full parse of the file included) vs file size',
        sluis: `${mb(rss1)} RSS (${mb(rss)} with the journal write and the second check)`,
        ratioLabel: 'Sluis RSS ÷ file size',
        ratio: rss1 / gen.bytes,
        target: { op: '<=', value: 4.0 },
        data: {},
      },
      {
        suite: this.name,
        measure: 'for reference: full parse, and the journal write of the 323 with its side-table rows',
        sluis: `parse ${fmt(data.parseSeconds, 2)} s, journal ${fmt(data.journalSeconds, 2)} s`,
        data: {},
      },
    ];
  },
};
