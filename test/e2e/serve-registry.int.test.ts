/**
 * `sluis serve` as a process with SLUIS_REGISTRY: it logs the registry and the woonplaats sources,
 * serves /api/v1/contracten from that file, decides with the core (a 323 under taakgericht-minimaal
 * is suppressed), and stops with exit 2 on a bad registry or a postcode table it cannot load.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBericht } from '../../src/xml/build.js';
import { G, REGION_REGISTRY_FILE, ROOT, header, prestaties, sample } from './region.steps.js';

const dir = mkdtempSync(join(tmpdir(), 'sluis-serve-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PARTIES = join(ROOT, 'test/e2e/region.parties.json');

function start(env: Record<string, string>): { url: Promise<string>; exited: Promise<number | null>; out: () => string; stop: () => void } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SLUIS_DATA_DIR: join(dir, `data-${Math.random().toString(36).slice(2)}`),
      SLUIS_PARTIES: PARTIES,
      ...env,
    },
  });
  let out = '';
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  const url = new Promise<string>((resolveUrl, reject) => {
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /"event":"listening"[^\n]*"port":(\d+)/.exec(out);
      if (m) resolveUrl(`http://127.0.0.1:${m[1]}`);
    });
    proc.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  url.catch(() => undefined);
  return {
    url,
    exited,
    out: () => out,
    stop: () => {
      proc.kill('SIGTERM');
    },
  };
}

describe('sluis serve with SLUIS_REGISTRY', () => {
  it('serves the registry, decides with the core, logs its sources, stops cleanly', async () => {
    const s = start({ SLUIS_REGISTRY: REGION_REGISTRY_FILE, SLUIS_POSTCODES: 'test/e2e/region.postcodes.csv' });
    const url = await s.url;
    const list = await fetch(`${url}/api/v1/contracten`, { headers: { authorization: 'Bearer e2e-key-beheer-0123456789abcdef' } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { contracten: unknown[] }).contracten).toHaveLength(4);
    // A 323 from a consortium lid under taakgericht-minimaal (step 4 of the scenario), dated today
    // (the real clock): its prestaties lie in November 2026, under the same contract.
    const b = sample('JW323');
    header(b.bericht, '22220002', G, 'P04');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    (b.bericht.Header as { BerichtIdentificatie: { Dagtekening: string } }).BerichtIdentificatie.Dagtekening = today;
    prestaties(b.bericht, '54', ['2026-10-01']);
    const posted = await fetch(`${url}/api/v1/berichten`, {
      method: 'POST',
      headers: { authorization: 'Bearer e2e-key-22220002-0123456789abcdef', 'content-type': 'application/xml' },
      body: buildBericht(b.message, b.bericht),
    });
    expect(posted.status).toBe(202);
    const receipt = (await posted.json()) as {
      status: string;
      decision: { action: string; reasons: { rule: string; contractId?: string }[] };
    };
    expect(receipt.status, JSON.stringify(receipt)).toBe('onderdrukt');
    expect(receipt.decision.reasons[0]).toMatchObject({ rule: 'TM-DECL', contractId: 'LEK-JW-INTEGRAAL-TG' });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain(
      'sluis_suppressed_total{bericht="JW323",contract="LEK-JW-INTEGRAAL-TG",rule="TM-DECL",variant="taakgericht-minimaal"} 1',
    );
    s.stop();
    expect(await s.exited).toBe(0);
    const out = s.out();
    expect(out).toMatch(/"event":"registry"[^\n]*"contracten":4/);
    expect(out).toMatch(/"event":"woonplaats"[^\n]*woonplaats check enabled/);
    expect(out).not.toMatch(/\b9999\d{5}\b/);
  }, 60_000);

  it('exits 2 on an invalid registry (file, path, reason) and on a postcode table it cannot load', async () => {
    const bad = join(dir, 'bad.registry.json');
    writeFileSync(bad, JSON.stringify({ versie: 1, contracten: [{ id: 'X' }] }));
    const a = start({ SLUIS_REGISTRY: bad });
    expect(await a.exited).toBe(2);
    expect(a.out()).toMatch(/"event":"registry-invalid"/);
    expect(a.out()).toContain('$.contracten[0]');
    const b = start({ SLUIS_REGISTRY: REGION_REGISTRY_FILE, SLUIS_POSTCODES: join(dir, 'missing.csv') });
    expect(await b.exited).toBe(2);
    expect(b.out()).toMatch(/"event":"woonplaats-config-invalid"/);
  }, 60_000);
});
