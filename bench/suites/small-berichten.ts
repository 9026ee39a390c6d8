/**
 * Suite (a): parse + L1 + L2 (`validateBericht`) of many small berichten of all 28 messages, read
 * from disk one by one, beside one `xmllint --noout --schema` process per message type over the
 * same files. Throughput = files ÷ wall time; target: Sluis ≥ 1.0 × xmllint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runEngine } from '../../src/validation/engine.js';
import { validateBericht } from '../../src/validation/validate.js';
import { xsdPath } from '../../test/support/paths.js';
import { writeSmallCorpus } from '../corpus.js';
import { best, fmt, xmllintJobsTimed, type BenchContext, type BenchRow, type Suite } from '../suite.js';

const SEED = 20_261_123;
/**
 * A running gateway is warm: one untimed pass over the whole corpus first, so every message type's
 * code paths are optimised before timing (a 200-file warm-up measured ~20 % lower throughput).
 */
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

export const smallBerichten: Suite = {
  name: 'small-berichten',
  description: 'validateBericht (parse + L1 + L2) on small berichten of all 28 messages vs one xmllint per message type',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const { smallCount, runs, today } = ctx.options;
    const corpus = writeSmallCorpus(join(ctx.workDir, 'small'), smallCount, SEED);
    ctx.log(`small: ${fmt(corpus.files.length)} files, ${fmt(corpus.totalBytes / corpus.files.length / 1024, 1)} KiB average`);

    for (const f of corpus.files) validateBericht(readFileSync(f), { today });
    for (const f of corpus.files) runEngine(readFileSync(f));

    const cpuNow = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    const jobs = [...corpus.byMessage].map(([id, files]) => ({ xsd: xsdPath(id), files }));
    let l1Invalid = 0;
    let xmllintInvalid = 0;
    const sluisSeconds: number[] = [];
    const sluisCpu: number[] = [];
    const l1OnlySeconds: number[] = [];
    const l1OnlyCpu: number[] = [];
    const xmllintSeconds: number[] = [];
    const xmllintCpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      l1Invalid = 0;
      gc();
      let c0 = cpuNow();
      let t0 = process.hrtime.bigint();
      for (const f of corpus.files) if (!validateBericht(readFileSync(f), { today }).l1Valid) l1Invalid++;
      sluisSeconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
      sluisCpu.push(cpuNow() - c0);

      gc();
      c0 = cpuNow();
      t0 = process.hrtime.bigint();
      for (const f of corpus.files) runEngine(readFileSync(f));
      l1OnlySeconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
      l1OnlyCpu.push(cpuNow() - c0);

      // One xmllint process per message type over the same files, one after another.
      const x = await xmllintJobsTimed(jobs);
      xmllintInvalid = corpus.files.length - x.valid;
      xmllintSeconds.push(x.wallSeconds);
      xmllintCpu.push(x.cpuSeconds);
    }

    const n = corpus.files.length;
    const sluisRate = n / best(sluisSeconds);
    const l1Rate = n / best(l1OnlySeconds);
    const xmllintRate = n / best(xmllintSeconds);
    const sluisCpuRate = n / best(sluisCpu);
    const xmllintCpuRate = n / best(xmllintCpu);
    if (l1Invalid > 0 || xmllintInvalid > 0)
      ctx.log(`WARNING: generated corpus not all valid (Sluis L1 invalid ${l1Invalid}, xmllint invalid ${xmllintInvalid})`);
    return [
      {
        suite: this.name,
        measure: `parse+L1+L2 of ${fmt(n)} small berichten (28 types)`,
        sluis: `${fmt(sluisRate)} msg/s`,
        baseline: `${fmt(xmllintRate)} msg/s`,
        ratioLabel: 'Sluis ÷ xmllint (msg/s)',
        ratio: sluisRate / xmllintRate,
        target: { op: '>=', value: 1.0 },
        data: {
          files: n,
          bytes: corpus.totalBytes,
          sluisMsgPerSec: sluisRate,
          xmllintMsgPerSec: xmllintRate,
          sluisSeconds: best(sluisSeconds),
          xmllintSeconds: best(xmllintSeconds),
          runs,
          sluisL1Invalid: l1Invalid,
          xmllintInvalid,
          xmllintProcesses: corpus.byMessage.size,
          sluisCpuSeconds: best(sluisCpu),
          xmllintCpuSeconds: best(xmllintCpu),
        },
      },
      {
        suite: this.name,
        measure: 'same, per CPU second (user+sys; load-independent)',
        sluis: `${fmt(sluisCpuRate)} msg/CPU-s`,
        baseline: `${fmt(xmllintCpuRate)} msg/CPU-s`,
        ratioLabel: 'Sluis ÷ xmllint (msg/CPU-s)',
        ratio: sluisCpuRate / xmllintCpuRate,
        data: { sluisMsgPerCpuSec: sluisCpuRate, xmllintMsgPerCpuSec: xmllintCpuRate },
      },
      {
        suite: this.name,
        measure: 'of which L1 only (runEngine), for reference',
        sluis: `${fmt(l1Rate)} msg/s (${fmt(n / best(l1OnlyCpu))} msg/CPU-s)`,
        baseline: `${fmt(xmllintRate)} msg/s`,
        ratioLabel: 'Sluis ÷ xmllint (msg/s)',
        ratio: l1Rate / xmllintRate,
        data: { sluisL1MsgPerSec: l1Rate, sluisL1Seconds: best(l1OnlySeconds), sluisL1CpuSeconds: best(l1OnlyCpu) },
      },
    ];
  },
};
