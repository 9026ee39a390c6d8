import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../decision/decision.js';
import { parseArgs, run } from './explain.js';
import type { CliIO } from './main.js';

const ROOT = join(import.meta.dirname, '../..');

function io(env: Record<string, string | undefined> = {}): CliIO & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    isTTY: false,
    env: { SLUIS_SHARED: process.env.SLUIS_SHARED, ...env },
    cwd: ROOT,
    stdout: (t: string) => {
      o.out += t;
    },
    stderr: (t: string) => {
      o.err += t;
    },
  };
  return o;
}

describe('sluis explain', () => {
  it('decides a sample with the demo registry and says why', async () => {
    const c = io();
    expect(await run(['samples/ijw/JW323.xml', '--now', '2026-11-20'], c)).toBe(0);
    expect(c.out).toContain('decision: ROUTE → 0363');
    expect(c.out).toContain('OG-DECL (DEMO-0363-JW-OG, outputgericht)');
    expect(c.out).not.toMatch(/\b9999\d{5}\b/);
  });

  it('prints JSON with the summary and the decision, without BSNs', async () => {
    const c = io();
    expect(
      await run(['samples/ijw/JW315.xml', '--json', '--registry', 'test/fixtures/region.registry.json', '--now', '2026-11-20'], c),
    ).toBe(0);
    const j = JSON.parse(c.out) as { bericht: string; decision: Decision };
    expect(j.bericht).toBe('JW315');
    expect(j.decision.action).toBe('route');
    expect(j.decision.tags).toEqual(['geen-contract', 'woonplaatscheck']);
    expect(j.decision.woonplaats).toMatchObject({ bron: 'geen-bron', zekerheid: 'onbekend' });
    expect(c.out).not.toMatch(/\b9999\d{5}\b/);
  });

  it('uses a postcode table for a 301 when given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluis-explain-'));
    const pc = join(dir, 'pc.csv');
    writeFileSync(pc, 'van,tot,gemeente\n1000,1109,0362\n');
    const c = io();
    expect(await run(['samples/ijw/JW301.xml', '--json', '--postcodes', pc, '--now', '2026-11-20'], c)).toBe(0);
    const j = JSON.parse(c.out) as { decision: Decision };
    expect(j.decision.woonplaats).toMatchObject({ verwachteGemeente: '0362', bron: 'postcode-tabel', afwijking: true });
    expect(j.decision.tags).toContain('woonplaats-afwijking');
  });

  it('exits 1 for a bericht that is not L1-valid, listing the issues', async () => {
    const c = io();
    expect(await run(['samples/invalid/L1-agb-pattern.xml'], c)).toBe(1);
    expect(c.err).toContain('/Bericht/Header/Afzender');
  });

  it('exits 2 for usage errors, unreadable files and invalid registries (file, path, reason)', async () => {
    expect(await run([], io())).toBe(2);
    expect(await run(['a.xml', 'b.xml'], io())).toBe(2);
    expect(await run(['a.xml', '--now', 'today'], io())).toBe(2);
    expect(await run(['a.xml', '--bogus'], io())).toBe(2);
    const missing = io();
    expect(await run(['nope.xml'], missing)).toBe(2);
    expect(missing.err).toContain('ENOENT');
    const dir = mkdtempSync(join(tmpdir(), 'sluis-explain-'));
    const bad = join(dir, 'r.json');
    writeFileSync(bad, JSON.stringify({ versie: 1, contracten: [{ id: 'X', wet: 'Jeugdwet' }] }));
    const c = io();
    expect(await run(['samples/ijw/JW301.xml', '--registry', bad], c)).toBe(2);
    expect(c.err).toContain(`${bad}: $.contracten[0].gemeenten: missing required property`);
    const viaEnv = io({ SLUIS_REGISTRY: bad });
    expect(await run(['samples/ijw/JW301.xml'], viaEnv)).toBe(2);
  });

  it('parses its arguments', () => {
    expect(parseArgs(['f.xml', '--registry', 'r.json', '--json'])).toEqual({ file: 'f.xml', registry: 'r.json', json: true, help: false });
    expect(parseArgs(['--registry'])).toMatchObject({ error: '--registry needs a value' });
    expect(parseArgs(['-h'])).toMatchObject({ help: true });
  });
});
