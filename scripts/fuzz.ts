/**
 * `npm run fuzz -- --minutes N`: the long fuzz run. Starts one gateway (PGlite) and runs rounds of
 * test/support/fuzz.ts with fresh random seeds until N minutes have passed; prints the seed of every
 * round with a finding so it can be replayed with `npm run fuzz -- --seed S`. Exit 1 on any finding.
 *
 * Options: --minutes N (default 5), --seed S (one round with that seed, then stop),
 * --per-sample K (mutants per sample and round, default 20).
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzParties, fuzzRound } from '../test/support/fuzz.js';
import { startTestGateway } from '../test/support/gateway.js';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '5' }, seed: { type: 'string' }, 'per-sample': { type: 'string', default: '20' } },
});
const minutes = Number(values.minutes);
const perSample = Number(values['per-sample']);
if (!(minutes > 0) || !Number.isInteger(perSample) || perSample < 1 || (values.seed !== undefined && !/^\d+$/.test(values.seed))) {
  console.error('usage: npm run fuzz -- [--minutes N] [--seed S] [--per-sample K]');
  process.exit(2);
}

const gw = await startTestGateway('pglite', { parties: fuzzParties() });
const dir = mkdtempSync(join(tmpdir(), 'sluis-fuzz-'));
const deadline = Date.now() + minutes * 60_000;
let rounds = 0;
let cases = 0;
const failedSeeds: number[] = [];
try {
  do {
    const seed = values.seed !== undefined ? Number(values.seed) : randomInt(1, 2 ** 31);
    let round: Awaited<ReturnType<typeof fuzzRound>>;
    try {
      round = await fuzzRound(seed, perSample, gw.url, join(dir, String(seed)), values.seed ? {} : { deadline });
    } catch (e) {
      // A crash of the harness itself (e.g. the mutator) is a finding with a seed too.
      round = {
        findings: [
          {
            seed,
            case: { id: '-', sample: '-', message: 'JW301', mutation: '-' },
            problem: `round crashed: ${(e as Error).stack ?? String(e)}`,
          },
        ],
        tally: { cases: 0, verdicts: {} },
      };
    }
    const { findings, tally } = round;
    rounds++;
    cases += tally.cases;
    if (findings.length > 0) {
      failedSeeds.push(seed);
      console.log(`FAIL seed ${seed}: ${findings.length} finding(s); replay: npm run fuzz -- --seed ${seed} --per-sample ${perSample}`);
      for (const f of findings) console.log(`  ${f.case.id} (${f.case.mutation}): ${f.problem}`);
    } else console.log(`ok   seed ${seed}: ${tally.cases} cases ${JSON.stringify(tally.verdicts)}`);
  } while (values.seed === undefined && Date.now() < deadline);
} finally {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `${rounds} round(s), ${cases} cases, ${failedSeeds.length} failed seed(s)${failedSeeds.length ? `: ${failedSeeds.join(' ')}` : ''}`,
);
process.exitCode = failedSeeds.length > 0 ? 1 : 0;
