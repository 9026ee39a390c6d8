import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../decision/decision.js';
import { runCli, type CliResult } from '../../test/support/cli.js';
import { summaryErrorDecision } from '../decision/decision.js';
import { formatDecision, parseArgs } from './explain.js';

/** `sluis explain …` in process, from the repository root, with the shared reference data. */
const explain = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> =>
  runCli(['explain', ...args], { env: { SLUIS_SHARED: process.env.SLUIS_SHARED, ...env } });

describe('sluis explain', () => {
  it('decides a sample with the demo registry and says why', async () => {
    const c = await explain(['samples/ijw/JW323.xml', '--registry', 'config/demo.registry.json', '--now', '2026-11-20']);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('decision: ROUTE → 0363');
    expect(c.stdout).toContain('OG-DECL (DEMO-0363-JW-OG, outputgericht)');
    expect(c.stdout).not.toMatch(/\b9999\d{5}\b/);
  });

  it('without --registry or SLUIS_REGISTRY uses no registry, as `sluis serve` does, and says so', async () => {
    const c = await explain(['samples/ijw/JW323.xml', '--now', '2026-11-20']);
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('decision: ROUTE → 0363');
    expect(c.stdout).toContain('no-contract-registry');
    expect(c.stdout).toMatch(/note: no contract registry \(no --registry, SLUIS_REGISTRY not set\)/);
    expect(c.stdout).not.toContain('DEMO-0363');
    const j = JSON.parse((await explain(['samples/ijw/JW301.xml', '--json'])).stdout) as {
      registry: unknown;
      decision: { addressee: string };
    };
    expect(j).toMatchObject({ registry: null, decision: { action: 'route', addressee: '41410017' } });
    // SLUIS_REGISTRY is the default, as for serve.
    const viaEnv = await explain(['samples/ijw/JW323.xml', '--now', '2026-11-20'], { SLUIS_REGISTRY: 'config/demo.registry.json' });
    expect(viaEnv.stdout).toContain('OG-DECL (DEMO-0363-JW-OG, outputgericht)');
  });

  it('prints JSON with the summary and the decision, without BSNs', async () => {
    const c = await explain(['samples/ijw/JW315.xml', '--json', '--registry', 'test/fixtures/region.registry.json', '--now', '2026-11-20']);
    expect(c.code).toBe(0);
    const j = JSON.parse(c.stdout) as { bericht: string; decision: Decision };
    expect(j.bericht).toBe('JW315');
    expect(j.decision.action).toBe('route');
    expect(j.decision.tags).toEqual(['geen-contract', 'woonplaatscheck']);
    expect(j.decision.woonplaats).toMatchObject({ bron: 'geen-bron', zekerheid: 'onbekend' });
    expect(c.stdout).not.toMatch(/\b9999\d{5}\b/);
  });

  it('uses a postcode table for a 301 when given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluis-explain-'));
    const pc = join(dir, 'pc.csv');
    writeFileSync(pc, 'van,tot,gemeente\n1000,1109,0362\n');
    const c = await explain([
      'samples/ijw/JW301.xml',
      '--json',
      '--registry',
      'config/demo.registry.json',
      '--postcodes',
      pc,
      '--now',
      '2026-11-20',
    ]);
    expect(c.code).toBe(0);
    const j = JSON.parse(c.stdout) as { decision: Decision };
    expect(j.decision.woonplaats).toMatchObject({ verwachteGemeente: '0362', bron: 'postcode-tabel', afwijking: true });
    expect(j.decision.tags).toContain('woonplaats-afwijking');
  });

  it('exits 1 for a bericht that is not L1-valid, listing the issues', async () => {
    const c = await explain(['samples/invalid/L1-agb-pattern.xml']);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('/Bericht/Header/Afzender');
  });

  it('exits 2 for usage errors, unreadable files and invalid registries (file, path, reason)', async () => {
    expect((await explain([])).code).toBe(2);
    expect((await explain(['a.xml', 'b.xml'])).code).toBe(2);
    expect((await explain(['a.xml', '--now', 'today'])).code).toBe(2);
    expect((await explain(['a.xml', '--bogus'])).code).toBe(2);
    const missing = await explain(['nope.xml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
    const dir = mkdtempSync(join(tmpdir(), 'sluis-explain-'));
    const bad = join(dir, 'r.json');
    writeFileSync(bad, JSON.stringify({ versie: 1, contracten: [{ id: 'X', wet: 'Jeugdwet' }] }));
    const c = await explain(['samples/ijw/JW301.xml', '--registry', bad]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain(`${bad}: $.contracten[0].gemeenten: missing required property`);
    const viaEnv = await explain(['samples/ijw/JW301.xml'], { SLUIS_REGISTRY: bad });
    expect(viaEnv.code).toBe(2);
  });

  it('says why when the decision core cannot summarise the bericht', () => {
    expect(formatDecision('x.xml', undefined, summaryErrorDecision({ message: 'the bericht has no Header' }))).toBe(
      'x.xml: the decision core could not summarise this bericht\n' +
        'decision: REFUSE\n' +
        'why:\n' +
        '  [error] summary-error: cannot summarise the bericht for a decision: the bericht has no Header\n',
    );
  });

  it('parses its arguments', () => {
    expect(parseArgs(['f.xml', '--registry', 'r.json', '--json'])).toEqual({ file: 'f.xml', registry: 'r.json', json: true, help: false });
    expect(parseArgs(['--registry'])).toMatchObject({ error: '--registry needs a value' });
    expect(parseArgs(['-h'])).toMatchObject({ help: true });
  });
});
