/**
 * The bounded fuzz run of `npm test`: a fixed seed, a few mutants of every sample, through the HTTP
 * API of a running gateway (PGlite) and the CLI in process; the mapping between the two verdicts is
 * in test/support/fuzz.ts. The long run with fresh seeds is `npm run fuzz -- --minutes N`
 * (docs/fuzzing.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParties, fuzzRound, fuzzSamples } from './support/fuzz.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';

const SEED = 20261207;
const PER_SAMPLE = 20;

describe('fuzz: HTTP and CLI agree on mutants of every sample', () => {
  let gw: TestGateway;
  let dir = '';
  beforeAll(async () => {
    gw = await startTestGateway('pglite', { parties: fuzzParties() });
    dir = mkdtempSync(join(tmpdir(), 'sluis-fuzz-'));
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`seed ${SEED}: no 5xx, exit codes 0/1/2 only, the same verdict`, async () => {
    const { findings, tally } = await fuzzRound(SEED, PER_SAMPLE, gw.url, dir);
    expect(tally.cases).toBe(fuzzSamples().length * (PER_SAMPLE + 1));
    const report = findings.map((f) => `seed ${f.seed} ${f.case.id} (${f.case.mutation}): ${f.problem}`).join('\n');
    expect(
      findings.length,
      `${findings.length} finding(s); replay with npm run fuzz -- --seed ${SEED} --per-sample ${PER_SAMPLE}\n${report}`,
    ).toBe(0);
    // Every kind of verdict occurs, so agreement is not trivially "everything refused".
    const kinds = Object.keys(tally.verdicts);
    for (const v of [/^exit 0 ↔ 202/, /^exit 1 L1 ↔ 400$/, /^exit 1 L2 ↔ 202 afgekeurd/])
      expect(
        kinds.some((k) => v.test(k)),
        `${String(v)} in ${JSON.stringify(tally.verdicts)}`,
      ).toBe(true);
  }, 120_000);
});
