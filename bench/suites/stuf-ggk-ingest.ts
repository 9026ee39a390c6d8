/**
 * Suite: StUF-GGk ingest beside REST ingest of the same berichten, in the same run (docs/stuf-ggk.md).
 * `sluis serve` on PostgreSQL (a fresh schema) as a child process; 32 keep-alive clients send distinct
 * JW301 berichten (unique Identificatie) either as `POST /api/v1/berichten` or wrapped in a Di01
 * envelope (base64, a fresh referentienummer each) to `POST /stuf-ggk/OntvangAsynchroon`. Both paths
 * are warmed, then timed rounds alternate REST and SOAP (R S R S R S R) against the one gateway, as
 * the http-ingest suite pairs its rounds (decision 0018); each SOAP round is divided by the mean of the
 * REST rounds on either side, and the ratio reported is the median of those.
 * Target (issue 22): Di01 ingest ≥ 0.8× REST ingest.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashApiKey } from '../../src/config/parties.js';
import { sharedDir } from '../../test/support/paths.js';
import {
  CLIENTS,
  dropSchema,
  freshSchema,
  load,
  ownNumbers,
  percentile as pct,
  serveArgs,
  startChild,
  stop,
  type BenchRequest,
  type LoadResult,
} from '../http.js';
import { fmt, median, type BenchContext, type BenchRow, type Suite } from '../suite.js';

/** Untimed requests per path before the timed rounds (JIT, plan caches); at most half a round. */
const WARM = 1000;
const ROUNDS = 3;
const KEY = 'bench-key-gemeente-0384-0123456789abcdef';
const SOAP_PATH = '/stuf-ggk/OntvangAsynchroon';

type Round = LoadResult;

// REST answers 202, SOAP a Bv03 with 200.
const accepted = (status: number): boolean => status === 202 || status === 200;

export async function run(ctx?: BenchContext): Promise<BenchRow[]> {
  const log = ctx?.log ?? ((l: string) => process.stdout.write(`  ${l}\n`));
  const count = Math.max(200, ctx?.options.smallCount ?? 2000);
  const warm = Math.min(WARM, Math.ceil(count / 2));
  const work = mkdtempSync(join(ctx?.workDir ?? '/tmp', 'stuf-ggk-ingest-'));
  const template = readFileSync(join(sharedDir(), 'istandaarden/samples/ijw/JW301.xml'), 'utf8');
  const envelope = readFileSync(join(sharedDir(), 'istandaarden/stuf-ggk/ggk0310_21_03/ggk0310_21/ggkberichten/ggk_Di01.xml'), 'utf8')
    .replace(/^<\?xml[^>]*\?>\s*/, '')
    .replace('<StUF:organisatie>0548</StUF:organisatie>', '<StUF:organisatie>0384</StUF:organisatie>')
    .replace('>WMO301<', '>JW301<');
  let serial = 0;
  const xml = (): Buffer => {
    const i = serial++;
    return ownNumbers(template, `S${i.toString(36).toUpperCase()}`, i);
  };
  const rest = (n: number): BenchRequest[] =>
    Array.from({ length: n }, () => ({ path: '/api/v1/berichten', contentType: 'application/xml', body: xml(), key: KEY }));
  const soap = (n: number): BenchRequest[] =>
    Array.from({ length: n }, () => ({
      path: SOAP_PATH,
      key: KEY,
      contentType: 'text/xml; charset=utf-8',
      body: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${envelope
          .replace('9c0f7b90-5c69-11e5-a837-0800200c9a66', randomUUID())
          .replace('SGllciBzdGFhdCBoZXQgaGVlbmJlcmljaHQ=', xml().toString('base64'))}</s:Body></s:Envelope>`,
      ),
    }));
  const parties = join(work, 'parties.json');
  writeFileSync(
    parties,
    JSON.stringify({
      parties: [
        { role: 'gemeente', code: '0384', name: 'bench', apiKeys: [{ id: 'b', sha256: hashApiKey(KEY) }] },
        { role: 'aanbieder', code: '42420001', name: 'bench', apiKeys: [{ id: 'b', sha256: hashApiKey(`${KEY}-a`) }] },
      ],
    }),
  );
  const { schema, url } = await freshSchema();
  const env: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SLUIS_PARTIES: parties, DATABASE_URL: url };
  const gw = await startChild(serveArgs(), env);
  const rows: BenchRow[] = [];
  try {
    await load(gw.port, rest(warm), accepted);
    await load(gw.port, soap(warm), accepted);
    log(`warmed up (${warm} per path); ${ROUNDS} paired rounds of ${count}`);
    const r: Round[] = [await load(gw.port, rest(count), accepted)];
    const s: Round[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      s.push(await load(gw.port, soap(count), accepted));
      r.push(await load(gw.port, rest(count), accepted));
      ratios.push(s[i]!.rate / ((r[i]!.rate + r[i + 1]!.rate) / 2));
    }
    const ratio = median(ratios);
    const soapLat = s.flatMap((x) => x.lat).sort((a, b) => a - b);
    const restLat = r.flatMap((x) => x.lat).sort((a, b) => a - b);
    const sRate = median(s.map((x) => x.rate));
    const rRate = median(r.map((x) => x.rate));
    const other = [...s, ...r].reduce((n, x) => n + x.other, 0);
    log(
      `Di01: ${fmt(sRate)} berichten/s (rounds ${s.map((x) => fmt(x.rate)).join(', ')}), p50 ${fmt(pct(soapLat, 0.5), 1)} ms, p99 ${fmt(pct(soapLat, 0.99), 1)} ms`,
    );
    log(
      `REST around it: ${fmt(rRate)} berichten/s (rounds ${r.map((x) => fmt(x.rate)).join(', ')}), p99 ${fmt(pct(restLat, 0.99), 1)} ms; ratio per round ${ratios.map((x) => fmt(x, 3)).join(', ')} → median ${fmt(ratio, 3)}; ${other} not accepted`,
    );
    rows.push({
      suite: 'stuf-ggk-ingest',
      measure: `POST ${SOAP_PATH} (Di01, JW301), ${CLIENTS} clients, PostgreSQL`,
      sluis: `${fmt(sRate)} berichten/s`,
      baseline: `${fmt(rRate)} berichten/s (POST /api/v1/berichten of the same berichten, rounds alternating)`,
      ratioLabel: 'Di01 ÷ REST, median of paired rounds',
      ratio,
      target: { op: '>=', value: 0.8 },
      data: {
        store: 'postgres',
        rate: sRate,
        restRate: rRate,
        p50ms: pct(soapLat, 0.5),
        p99ms: pct(soapLat, 0.99),
        restP99ms: pct(restLat, 0.99),
        ratios: ratios.map((x) => x.toFixed(3)).join(' '),
        notAccepted: other,
      },
    });
  } finally {
    await stop(gw.proc);
    await dropSchema(schema);
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

export const stufGgkIngest: Suite = {
  name: 'stuf-ggk-ingest',
  description: 'Di01 envelopes to POST /stuf-ggk/OntvangAsynchroon beside REST posts of the same berichten, PostgreSQL, 32 clients',
  run: (ctx) => run(ctx),
};
