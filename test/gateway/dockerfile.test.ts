/**
 * No Docker engine runs here, so the Dockerfile is linted against the repository: multi-stage,
 * non-root, `npm ci --omit=dev`, a healthcheck on a real route, the same start command as
 * `npm start`, the build script that exists, and every COPY source present and not dockerignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoExposureProblem, settingsFromEnv } from '../../src/app/settings.js';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  engines: { node: string };
};
const text = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
// Join continuation lines, drop comments.
const lines = text
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const instr = lines.map((l) => {
  const m = /^(\w+)\s+(.*)$/.exec(l)!;
  return { op: m[1]!.toUpperCase(), args: m[2]! };
});
const stages = instr.filter((i) => i.op === 'FROM');
const lastStageAt = instr.lastIndexOf(stages.at(-1)!);
const runtime = instr.slice(lastStageAt);
const ignored = readFileSync(resolve(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('only uses known instructions', () => {
    const known = new Set([
      'FROM',
      'WORKDIR',
      'COPY',
      'RUN',
      'ENV',
      'USER',
      'VOLUME',
      'EXPOSE',
      'HEALTHCHECK',
      'CMD',
      'ARG',
      'LABEL',
      'ENTRYPOINT',
    ]);
    for (const i of instr) expect(known, i.op).toContain(i.op);
  });

  it('is multi-stage, on a Node version the package allows', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const min = /(\d+)/.exec(pkg.engines.node)![1]!;
    for (const s of stages) {
      const v = /node:(\d+)/.exec(s.args);
      expect(v, s.args).not.toBeNull();
      expect(Number(v![1])).toBeGreaterThanOrEqual(Number(min));
    }
  });

  it('builds with the package build script and installs only production deps in the runtime stage', () => {
    expect(pkg.scripts.build).toBeDefined();
    const buildStage = instr.slice(0, lastStageAt);
    expect(buildStage.some((i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args))).toBe(true);
    expect(runtime.some((i) => i.op === 'RUN' && /npm ci\b.*--omit=dev/.test(i.args))).toBe(true);
    expect(runtime.some((i) => i.op === 'COPY' && /--from=\w+\s+\/app\/dist/.test(i.args))).toBe(true);
  });

  it('runs as a non-root user', () => {
    const users = runtime.filter((i) => i.op === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1)!.args.trim());
    expect(runtime.indexOf(users.at(-1)!)).toBeLessThan(runtime.findIndex((i) => i.op === 'CMD'));
  });

  it('starts like `npm start` (minus its build step)', () => {
    const cmd = JSON.parse(runtime.find((i) => i.op === 'CMD')!.args) as string[];
    // `exec`: npm runs the script through `sh -c`; exec makes node that process, so npm's SIGTERM reaches it.
    expect(`exec ${cmd.join(' ')}`).toBe(pkg.scripts.start);
    expect(existsSync(resolve(ROOT, cmd[1]!.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
  });

  it('has a healthcheck on the readiness route and exposes the default port', () => {
    const hc = runtime.find((i) => i.op === 'HEALTHCHECK');
    expect(hc?.args).toMatch(/\/health\/ready/);
    expect(readFileSync(resolve(ROOT, 'src/http/api.ts'), 'utf8')).toContain("path: '/health/ready'");
    const port = /PORT=(\d+)/.exec(
      runtime
        .filter((i) => i.op === 'ENV')
        .map((i) => i.args)
        .join(' '),
    )![1];
    expect(runtime.find((i) => i.op === 'EXPOSE')?.args).toBe(port);
  });

  it('every COPY source exists and is not excluded by .dockerignore; runtime gets migrations, config, schemas', () => {
    for (const c of instr.filter((i) => i.op === 'COPY' && !i.args.includes('--from'))) {
      const parts = c.args.split(/\s+/);
      for (const src of parts.slice(0, -1)) {
        expect(existsSync(resolve(ROOT, src)), src).toBe(true);
        expect(ignored.includes(src) || ignored.includes(src.split('/')[0]!), `${src} is dockerignored`).toBe(false);
      }
    }
    const runtimeCopies = runtime
      .filter((i) => i.op === 'COPY')
      .map((i) => i.args)
      .join('\n');
    for (const needed of ['src/store/migrations', 'config', 'schemas']) expect(runtimeCopies).toContain(needed);
  });

  it('build stage copies only what `npm run build` compiles (tsconfig.build.json), not bench/ or test/', () => {
    const build = JSON.parse(readFileSync(resolve(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    const buildStage = instr.slice(0, lastStageAt);
    const sources = buildStage
      .filter((i) => i.op === 'COPY' && !i.args.includes('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    // The package files, the tsconfigs, the compiled folders and the JSON schemas src imports.
    const allowed = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', ...build.include, 'schemas']);
    for (const src of sources) expect(allowed, src).toContain(src);
  });

  it('refuses to start on the demo parties config unless SLUIS_DEMO_PUBLIC=1 is passed explicitly', () => {
    const env: Record<string, string> = {};
    for (const e of runtime.filter((i) => i.op === 'ENV')) for (const m of e.args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[m[1]!] = m[2]!;
    expect(env.SLUIS_DEMO_PUBLIC, 'the image must not opt in to a public demo itself').toBeUndefined();
    expect(env.SLUIS_PARTIES).toBeUndefined();
    const demo = settingsFromEnv(env, '/app');
    expect(demo.parties.demo).toBe(true);
    expect(demoExposureProblem(demo)?.event).toBe('demo-exposed');
    expect(demoExposureProblem(settingsFromEnv({ ...env, SLUIS_DEMO_PUBLIC: '1' }, '/app'))).toBeUndefined();
    expect(demoExposureProblem(settingsFromEnv({ ...env, SLUIS_PARTIES: '/config/parties.json' }, '/app'))).toBeUndefined();
  });
});
