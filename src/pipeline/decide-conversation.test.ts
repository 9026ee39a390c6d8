import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AsyncConversationState } from '../conversation/types.js';
import { singleReasonDecision } from '../decision/decision.js';
import { parseBericht } from '../validation/parse.js';
import { clientKeyFn } from './client-key.js';
import { routeToCounterparty, NO_REGISTRY_RULE } from './decide-default.js';
import { withConversation } from './decide-conversation.js';
import { direction, headerFacts } from './identify.js';
import type { DecideFn, DecideInput } from './types.js';

const NOTHING_KNOWN: AsyncConversationState = {
  regie: async () => [],
  declaratieBekend: async () => false,
  openVerzoeken: async () => [],
  regieVanClient: async () => [],
  referenties: async () => [],
  referentiesGebruikt: async () => [],
  toewijzingenVanClient: async () => [],
  toewijzingNummers: async () => [],
  toegewezen: async () => [],
  prestaties: async () => [],
  prestatiesOpToewijzing: async () => [],
  declaratie: async () => undefined,
  eerdereDeclaraties: async () => [],
};

function input(file: string, today: string): DecideInput {
  const p = parseBericht(readFileSync(join(import.meta.dirname, '../../samples/ijw', file)));
  if (!p.success) throw new Error(`${file} does not parse`);
  const header = headerFacts(p.bericht);
  return { message: p.message, bericht: p.bericht, header, ...direction(p.message, header), today };
}

const deps = { state: NOTHING_KNOWN, clientKey: clientKeyFn('test-client-key-secret-0123456789') };

describe('the conversation step after the decision (advise)', () => {
  it('a routed start without a known toewijzing keeps its action and gains TR019 advice and the summary', async () => {
    const d = await withConversation(routeToCounterparty, deps)(input('JW305.xml', '2026-12-01'));
    expect(d.action).toBe('route');
    expect(d.reasons[0]!.rule).toBe(NO_REGISTRY_RULE);
    expect(d.reasons.slice(1).map((r) => r.rule)).toEqual(['TR019', 'TR019']);
    expect(d.tags).toEqual(['conversatie']);
    expect((d.summary as unknown as { items: { client?: string }[] }).items[0]!.client).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a suppressed or refused bericht keeps its decision as it was, with the facts on its summary', async () => {
    const refuse: DecideFn = () => singleReasonDecision('refuse', { rule: 'X', text: 'no', severity: 'error' });
    const d = await withConversation(refuse, deps)(input('JW305.xml', '2026-12-01'));
    expect(d.reasons).toEqual([{ rule: 'X', text: 'no', severity: 'error' }]);
    expect(d.tags).toEqual([]);
    expect(d.summary).toBeDefined();
  });

  it('without a clientKeySecret only the rules that need no client run (TR135 here)', async () => {
    const d = await withConversation(routeToCounterparty, { state: NOTHING_KNOWN })(input('JW305.xml', '2026-11-01'));
    expect(d.reasons.slice(1).map((r) => r.rule)).toEqual(['TR135']);
  });
});
