import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistryFile } from '../contracts/load.js';
import { createRegistryChecker } from '../contracts/registry.js';
import { MemoryState, type AsyncDecisionState } from '../decision/state.js';
import { parseBericht } from '../validation/parse.js';
import { enrichAndDecide } from './enrich.js';
import { createGemeenteRegister, parseCbsCsv } from './gemeenten.js';
import { HERINDELINGEN } from './herindelingen.js';
import { cbsListPath, sharedDir } from './load.js';
import type { WoonplaatsLookup } from './lookup.js';
import type { DecideFn } from '../pipeline/types.js';

const ROOT = join(import.meta.dirname, '../..');

describe('enrichAndDecide', () => {
  it('summarizes, checks the woonplaats, fetches state and decides', async () => {
    const reg = await loadRegistryFile(join(ROOT, 'config/demo.registry.json'), createRegistryChecker());
    if (!reg.ok) throw new Error('demo registry');
    const register = createGemeenteRegister(parseCbsCsv(readFileSync(cbsListPath(sharedDir(process.env, ROOT)), 'utf8')), HERINDELINGEN);
    const asked: string[] = [];
    // A lookup that knows every person lives in Utrecht (0344): the 315 to Amsterdam is a mismatch.
    const lookup: WoonplaatsLookup = {
      lookup: async (v) => {
        asked.push(v.peildatum);
        return { gevonden: true, gemeente: '0344', bron: 'test', zekerheid: 'hoog' };
      },
    };
    const m = new MemoryState();
    const state: AsyncDecisionState = {
      heenbericht: async (k) => m.heenbericht(k),
      verzoek: async (k) => m.verzoek(k),
      toewijzing: async (k) => m.toewijzing(k),
    };
    const p = parseBericht(readFileSync(join(ROOT, 'samples/ijw/JW315.xml')));
    if (!p.success) throw new Error('sample');
    const { summary, decision } = await enrichAndDecide(p.message, p.bericht, {
      registry: reg.registry,
      state,
      woonplaats: { register, lookup },
      now: '2026-11-20',
    });
    expect(asked).toHaveLength(1);
    expect(summary.woonplaats).toMatchObject({ verwachteGemeente: '0344', afwijking: true });
    expect(decision).toMatchObject({ action: 'route', addressee: '0363', tags: ['woonplaats-afwijking', 'woonplaatscheck'] });
    expect(JSON.stringify({ summary, decision })).not.toMatch(/\b9999\d{5}\b/);
  });
});

describe('createDecideFn', () => {
  it('fits the pipeline DecideFn and takes a registry change at once', async () => {
    const { createDecideFn } = await import('./enrich.js');
    const { registryHolder } = await import('../contracts/handlers.js');
    const { EMPTY_ASYNC_STATE } = await import('../decision/state.js');
    const checker = createRegistryChecker();
    const reg = await loadRegistryFile(join(ROOT, 'config/demo.registry.json'), checker);
    if (!reg.ok) throw new Error('demo registry');
    const holder = registryHolder(reg.registry);
    const fn: DecideFn = createDecideFn({ registry: holder.current, state: EMPTY_ASYNC_STATE });
    const p = parseBericht(readFileSync(join(ROOT, 'samples/ijw/JW323.xml')));
    if (!p.success) throw new Error('sample');
    const input = {
      message: p.message,
      bericht: p.bericht,
      today: '2026-11-20',
      header: { berichtCode: '490', afzender: '41410017', ontvanger: '0363', identificatie: 'x', dagtekening: '2026-11-20' },
      sender: '41410017',
      counterparty: '0363',
    };
    const first = await fn(input);
    expect(first).toMatchObject({ action: 'route', addressee: '0363', variant: 'outputgericht' });
    // The operator switches the contract to taakgericht-minimaal: the next 323 is suppressed.
    const og = reg.registry.byId.get('DEMO-0363-JW-OG')!;
    const next = checker.check(
      {
        ...reg.registry.document,
        contracten: reg.registry.contracten.map((c) =>
          c.id === og.id ? { ...c, uitvoeringsvariant: 'taakgericht', profiel: 'taakgericht-minimaal', bekostiging: 'lumpsum' } : c,
        ),
      },
      'op',
    );
    if (!next.ok) throw new Error(JSON.stringify(next.errors));
    await holder.replace(next.registry);
    expect(await fn(input)).toMatchObject({ action: 'suppress', variant: 'taakgericht-minimaal' });
  });
});
