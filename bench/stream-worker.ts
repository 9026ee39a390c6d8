/**
 * Child process for the big-file suite: validates ONE file by streaming it in 64 KiB chunks with
 * 'Client' detached (the typed tree of a 323 is never materialised) and prints one JSON line with
 * wall time and peak RSS (`process.resourceUsage().maxRSS`, which covers the whole process life,
 * Node's own ~40 MB baseline included). Run separately so the parent's corpus generation does not
 * count towards the peak.
 *
 *   node dist/bench/stream-worker.js <file> l1|l1l2 <today>
 */
import { createReadStream } from 'node:fs';
import { runEngineOnChunks } from '../src/validation/engine.js';
import { BerichtValidator } from '../src/validation/validate.js';

export interface StreamWorkerResult {
  readonly seconds: number;
  /** user + system CPU seconds of this process during the validation. */
  readonly cpuSeconds: number;
  readonly maxRssBytes: number;
  readonly valid: boolean;
  readonly issues: number;
  readonly completedClients: number;
  readonly firstIssue?: string;
}

async function main(): Promise<void> {
  const [file, mode = 'l1', today = '2026-11-23'] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: stream-worker <file> l1|l1l2 [today]');
  const detach = new Set(['Client']);
  const chunks = (): AsyncIterable<Uint8Array> => createReadStream(file, { highWaterMark: 64 * 1024 });
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let result: { valid: boolean; issues: number; completedClients: number; firstIssue?: string };
  if (mode === 'l1') {
    let completedClients = 0;
    const r = await runEngineOnChunks(chunks(), {
      detach,
      onComplete: (ev) => {
        if (ev.name === 'Client') completedClients++;
      },
    });
    result = {
      valid: r.issues.length === 0,
      issues: r.issues.length,
      completedClients,
      ...(r.issues[0] ? { firstIssue: `${r.issues[0].code} ${r.issues[0].path}` } : {}),
    };
  } else {
    const v = new BerichtValidator({ today, detach });
    const dec = new TextDecoder('utf-8', { fatal: true });
    for await (const chunk of chunks()) v.write(dec.decode(chunk as Uint8Array, { stream: true }));
    v.write(dec.decode());
    const o = v.close();
    // L2 findings on generated data are expected (random dates, totals); only L1 must pass.
    result = {
      valid: o.l1Valid,
      issues: o.issues.length,
      completedClients: -1,
      ...(!o.l1Valid && o.issues[0] ? { firstIssue: `${o.issues[0].code} ${o.issues[0].path}` } : {}),
    };
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  const out: StreamWorkerResult = {
    seconds,
    cpuSeconds: (c.user + c.system) / 1e6,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    ...result,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
