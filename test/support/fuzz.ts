/**
 * Grammar-aware fuzzing of the two front doors: mutants (test/support/mutants.ts) of every sample —
 * Sluis's own (samples/, valid and invalid) and the shared ones — go to a running gateway over HTTP
 * (POST /api/v1/berichten) and to the CLI in process (`sluis validate --json`). Neither may fail
 * (no 5xx, no exit code but 0/1/2), and the two must reach the same verdict:
 *
 * | CLI (`validate --json`, one file)          | HTTP POST /api/v1/berichten                                      |
 * | exit 1, an L1 issue                        | 400 problem, the same set of L1 codes in `issues`                |
 * | exit 0, no issue                           | 202, no L1/L2 issue in the receipt (L3 is the gateway's alone), |
 * |                                            |   or 403 forbidden-sender (the sender is checked after L1)       |
 * | exit 1, L2 issues only                     | 202 `afgekeurd` with the same set of L2 codes, or 403 as above   |
 *
 * Exit 2 (usage, unreadable file) never fits a file the fuzzer wrote, so it is a finding too.
 *
 * Each case gets a BerichtIdentificatie of its own before both doors see it: the gateway checks a
 * reused Identificatie with other content (TR056, L3) before L2 and answers with that alone. When a
 * mutation left no plain Identificatie to rewrite, a 202 `afgekeurd` carrying TR056 is accepted for
 * an L2 verdict (the one place the gateway's L3 check may hide L2). The
 * corpus is a pure function of the seed: a failure names the seed and the mutant, and the same seed
 * replays it (`npm run fuzz -- --seed N`).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashApiKey, parsePartiesConfig, type PartiesConfig } from '../../src/config/parties.js';
import type { BerichtId } from '../../src/standard/model.js';
import type { FileResult } from '../../src/cli/validate.js';
import { runCli } from './cli.js';
import { generateMutants } from './mutants.js';
import { repoRoot, samplesDir } from './paths.js';

export interface FuzzCase {
  /** `<sample>#<n>`; n = 0 is the unmutated sample. */
  readonly id: string;
  readonly sample: string;
  readonly message: BerichtId;
  readonly mutation: string;
  readonly xml: string;
}

export interface FuzzFinding {
  readonly seed: number;
  readonly case: Omit<FuzzCase, 'xml'>;
  readonly problem: string;
}

export interface FuzzTally {
  readonly cases: number;
  /** How often each verdict pair occurred, e.g. `exit 1 L1 ↔ 400`. */
  readonly verdicts: Record<string, number>;
}

/** Every sample the fuzzer starts from, relative to the repository root or the shared folder. */
export function fuzzSamples(): { readonly name: string; readonly xml: string }[] {
  const out: { name: string; xml: string }[] = [];
  const own = join(repoRoot(), 'samples');
  for (const sub of ['ijw', 'iwmo', 'invalid'])
    for (const f of readdirSync(join(own, sub)).sort())
      out.push({ name: `samples/${sub}/${f}`, xml: readFileSync(join(own, sub, f), 'utf8') });
  for (const f of readdirSync(samplesDir()).sort())
    if (f.endsWith('.xml')) out.push({ name: `shared/${f}`, xml: readFileSync(join(samplesDir(), f), 'utf8') });
  return out;
}

/** The message of a bericht from its root namespace (…/3_2/jw301/schema → JW301). */
export function messageOf(xml: string): BerichtId | undefined {
  const m = /\/3_2\/(jw|wmo)(\d{3})\/schema"/.exec(xml);
  return m ? (`${m[1]!.toUpperCase()}${m[2]!}` as BerichtId) : undefined;
}

/** `perSample` mutants of every sample, plus the sample itself; deterministic in `seed`. */
export function fuzzCorpus(seed: number, perSample: number): FuzzCase[] {
  const out: FuzzCase[] = [];
  fuzzSamples().forEach((s, si) => {
    const message = messageOf(s.xml);
    if (!message) throw new Error(`fuzz: no bericht namespace in ${s.name}`);
    out.push({ id: `${s.name}#0`, sample: s.name, message, mutation: 'unmutated', xml: s.xml });
    const mutants = generateMutants({
      seed: seed + si * 7_919,
      perMessage: perSample,
      basesPerMessage: 1,
      baseXml: () => s.xml,
      messages: [message],
      sweep: false,
    });
    mutants.forEach((m, i) => out.push({ id: `${s.name}#${i + 1}`, sample: s.name, message, mutation: m.mutation, xml: m.xml }));
  });
  return out;
}

const keyOf = (code: string): string => `fuzz-key-${code}-0123456789abcdef`;

function partyCodes(): string[] {
  const codes = new Set<string>();
  for (const s of fuzzSamples()) for (const m of s.xml.matchAll(/:(?:Afzender|Ontvanger)>(\d{4}|\d{8})</g)) codes.add(m[1]!);
  return [...codes].sort();
}

/**
 * A party for every Afzender and Ontvanger code in the samples (4 digits: gemeente, 8: aanbieder).
 * A case is posted with its Afzender's key, or, when a mutation made that code unknown, with
 * another party's key (then 403 is the expected answer for an L1-valid bericht, never 401).
 */
export function fuzzParties(): PartiesConfig {
  const codes = partyCodes();
  return parsePartiesConfig(
    {
      clientKeySecret: 'fuzz-client-key-secret-0123456789',
      parties: codes.map((code) => ({
        role: code.length === 4 ? 'gemeente' : 'aanbieder',
        code,
        name: `Fuzz ${code}`,
        apiKeys: [{ id: 'f', sha256: hashApiKey(keyOf(code)) }],
      })),
    },
    'fuzz',
  );
}

interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

interface Issue {
  readonly level: string;
  readonly code: string;
}

const codeSet = (issues: readonly Issue[], level: string): string =>
  [...new Set(issues.filter((i) => i.level === level).map((i) => i.code))].sort().join(',');

/** Make the BerichtIdentificatie `id` (1–12 characters); false when there is no plain one to rewrite. */
export function withUniqueIdentificatie(xml: string, id: string): { xml: string; rewritten: boolean } {
  const m = /<([A-Za-z0-9_]+):Identificatie>([^<]*)<\/\1:Identificatie>/.exec(xml);
  const first = xml.indexOf(':Identificatie>');
  if (!m || xml.indexOf(m[0]) !== first - m[1]!.length - 1) return { xml, rewritten: false };
  return { xml: xml.replace(m[0], `<${m[1]!}:Identificatie>${id}</${m[1]!}:Identificatie>`), rewritten: true };
}

/** The mapping in the header: a finding's text, or the verdict pair when the two agree. */
export function judge(
  cli: { readonly code: number; readonly result: FileResult | undefined },
  http: HttpAnswer,
  opts: { readonly uniqueIdentificatie: boolean } = { uniqueIdentificatie: true },
): { ok: true; verdict: string } | { ok: false; problem: string } {
  if (http.status >= 500) return { ok: false, problem: `HTTP ${http.status}: ${http.body.slice(0, 500)}` };
  if (![0, 1, 2].includes(cli.code)) return { ok: false, problem: `CLI exit code ${cli.code}` };
  const r = cli.result;
  if (cli.code === 2 || !r || r.error)
    return { ok: false, problem: `CLI could not judge the file (exit ${cli.code}): ${r?.error ?? 'no JSON line'}` };
  if (cli.code !== (r.valid ? 0 : 1)) return { ok: false, problem: `CLI exit ${cli.code} but valid=${r.valid}` };
  let body: { issues?: Issue[]; status?: unknown; type?: string } = {};
  try {
    body = JSON.parse(http.body) as typeof body;
  } catch {
    return { ok: false, problem: `HTTP ${http.status} without a JSON body: ${http.body.slice(0, 200)}` };
  }
  const httpIssues = body.issues ?? [];
  const l1 = codeSet(r.issues, 'L1');
  const l2 = codeSet(r.issues, 'L2');
  const cliVerdict = l1 ? 'exit 1 L1' : r.valid ? 'exit 0' : 'exit 1 L2';
  const pair = `${cliVerdict} ↔ ${http.status}${typeof body.status === 'string' ? ` ${body.status}` : ''}`;
  const fail = (why: string) => ({
    ok: false as const,
    problem: `${pair}: ${why}; CLI issues ${JSON.stringify(r.issues.slice(0, 3))}; HTTP ${http.body.slice(0, 400)}`,
  });
  if (l1) {
    if (http.status !== 400) return fail('an L1-invalid bericht must be refused with 400');
    if (codeSet(httpIssues, 'L1') !== l1) return fail(`L1 codes differ: CLI ${l1}, HTTP ${codeSet(httpIssues, 'L1')}`);
    return { ok: true, verdict: pair };
  }
  if (http.status === 403 && body.type?.endsWith('forbidden-sender')) return { ok: true, verdict: pair };
  if (http.status !== 202) return fail('an L1-valid bericht must be journaled (202) or refused for its sender (403)');
  if (codeSet(httpIssues, 'L1')) return fail('L1 issues in a receipt');
  if (!opts.uniqueIdentificatie && l2 && body.status === 'afgekeurd' && httpIssues.some((i) => i.code === 'TR056'))
    return { ok: true, verdict: `${pair} TR056` };
  if (codeSet(httpIssues, 'L2') !== l2) return fail(`L2 codes differ: CLI ${l2 || 'none'}, HTTP ${codeSet(httpIssues, 'L2') || 'none'}`);
  if (l2 && body.status !== 'afgekeurd') return fail('an L2-invalid bericht must be afgekeurd');
  return { ok: true, verdict: pair };
}

/**
 * Run one seed: every case through the CLI (one file per call, so each exit code belongs to one
 * verdict) and through the gateway at `url`. Files go to `dir`.
 */
export async function fuzzRound(
  seed: number,
  perSample: number,
  gatewayUrl: string,
  dir: string,
  opts: { readonly deadline?: number } = {},
): Promise<{ findings: FuzzFinding[]; tally: FuzzTally }> {
  const findings: FuzzFinding[] = [];
  const verdicts: Record<string, number> = {};
  let cases = 0;
  const parties = new Set(partyCodes());
  const fallback = [...parties][0]!;
  mkdirSync(dir, { recursive: true });
  for (const original of fuzzCorpus(seed, perSample)) {
    if (opts.deadline !== undefined && Date.now() > opts.deadline) break;
    cases++;
    const unique = withUniqueIdentificatie(original.xml, `F${seed.toString(36).slice(-5)}${cases.toString(36)}`.slice(0, 12));
    const c = { ...original, xml: unique.xml };
    const file = join(dir, `case-${cases}.xml`);
    writeFileSync(file, c.xml);
    const cli = await runCli(['validate', '--json', file]);
    const line = cli.stdout.split('\n').find((l) => l.startsWith('{'));
    const result = line ? (JSON.parse(line) as FileResult) : undefined;
    const afzender = /:Afzender>(\d+)</.exec(c.xml)?.[1] ?? '';
    const sender = parties.has(afzender) ? afzender : fallback;
    const res = await fetch(`${gatewayUrl}/api/v1/berichten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keyOf(sender)}`, 'content-type': 'application/xml', accept: 'application/json' },
      body: c.xml,
    });
    const j = judge({ code: cli.code, result }, { status: res.status, body: await res.text() }, { uniqueIdentificatie: unique.rewritten });
    const { xml: _xml, ...meta } = c;
    if (j.ok) verdicts[j.verdict] = (verdicts[j.verdict] ?? 0) + 1;
    else findings.push({ seed, case: meta, problem: j.problem });
  }
  return { findings, tally: { cases, verdicts } };
}
