import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistryFile } from '../contracts/load.js';
import { createRegistryChecker } from '../contracts/registry.js';
import { MemoryState, type AsyncDecisionState } from '../decision/state.js';
import { parseBericht } from '../xml/parse.js';
import { enrichAndDecide } from './enrich.js';
import { createGemeenteRegister, parseCbsCsv } from './gemeenten.js';
import { HERINDELINGEN } from './herindelingen.js';
import { cbsListPath, sharedDir } from './load.js';
import type { WoonplaatsLookup } from './lookup.js';

const ROOT = join(import.meta.dirname, '../..');

describe('enrichAndDecide', () => {
  it('summarizes, checks the woonplaats, fetches state and decides', async () => {
    const reg = await loadRegistryFile(join(ROOT, 'config/demo.registry.json'), createRegistryChecker());
    if (!reg.ok) throw new Error('demo registry');
    const register = createGemeenteRegister(parseCbsCsv(readFileSync(cbsListPath(sharedDir(process.env, ROOT)), 'utf8')), HERINDELINGEN);
    const asked: string[] = [];
    // A lookup that knows every person lives in Utrecht (0344): the 315 to Amsterdam is a mismatch.
    const lookup: WoonplaatsLookup = { lookup: async (v) => { asked.push(v.peildatum); return { gevonden: true, gemeente: '0344', bron: 'test', zekerheid: 'hoog' }; } };
    const m = new MemoryState();
    const state: AsyncDecisionState = { heenbericht: async (k) => m.heenbericht(k), verzoek: async (k) => m.verzoek(k), toewijzing: async (k) => m.toewijzing(k) };
    const p = parseBericht(readFileSync(join(ROOT, 'samples/ijw/JW315.xml')));
    if (!p.success) throw new Error('sample');
    const { summary, decision } = await enrichAndDecide(p.message, p.bericht, { registry: reg.registry, state, woonplaats: { register, lookup }, now: '2026-11-20' });
    expect(asked).toHaveLength(1);
    expect(summary.woonplaats).toMatchObject({ verwachteGemeente: '0344', afwijking: true });
    expect(decision).toMatchObject({ action: 'route', addressee: '0363', tags: ['woonplaats-afwijking', 'woonplaatscheck'] });
    expect(JSON.stringify({ summary, decision })).not.toMatch(/\b9999\d{5}\b/);
  });
});
