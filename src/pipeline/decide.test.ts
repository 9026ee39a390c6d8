/**
 * The deciders besides the core itself answer in the core's one decision shape: a reason with its
 * severity, and empty tags, contracts and items.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistryFile } from '../contracts/load.js';
import { createRegistryChecker } from '../contracts/registry.js';
import { parseBericht } from '../validation/parse.js';
import { routeToCounterparty } from './decide-default.js';
import { registryDecide } from './decide-registry.js';
import { direction, headerFacts } from './identify.js';
import type { DecideInput } from './types.js';

const ROOT = join(import.meta.dirname, '../..');

function input(): DecideInput {
  const p = parseBericht(readFileSync(join(ROOT, 'samples/ijw/JW315.xml')));
  if (!p.success) throw new Error('sample');
  const header = headerFacts(p.bericht);
  return { message: p.message, bericht: p.bericht, header, ...direction(p.message, header), today: '2026-11-20' };
}

describe('deciders in the one decision shape', () => {
  it('without a registry: routed to the party named in the header', async () => {
    const i = input();
    expect(await routeToCounterparty(i)).toEqual({
      action: 'route',
      addressee: i.counterparty,
      reasons: [
        {
          rule: 'no-contract-registry',
          text: 'no contract registry configured: routed to the party named in the header',
          severity: 'info',
        },
      ],
      tags: [],
      contractIds: [],
      items: [],
    });
  });

  it('a bericht the core cannot summarise is refused, with the reason', async () => {
    const reg = await loadRegistryFile(join(ROOT, 'config/demo.registry.json'), createRegistryChecker());
    if (!reg.ok) throw new Error('demo registry');
    const { Header: _header, ...headless } = input().bericht;
    expect(await registryDecide(reg.registry)({ ...input(), bericht: headless })).toEqual({
      action: 'refuse',
      reasons: [
        { rule: 'summary-error', text: 'cannot summarise the bericht for a decision: the bericht has no Header', severity: 'error' },
      ],
      tags: [],
      contractIds: [],
      items: [],
    });
  });
});
