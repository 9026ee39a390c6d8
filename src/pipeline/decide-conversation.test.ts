import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AsyncConversationState } from '../conversation/types.js';
import { singleReasonDecision } from '../decision/decision.js';
import { parseBericht } from '../validation/parse.js';
import { clientKeyFn } from './client-key.js';
import { routeToCounterparty, NO_REGISTRY_RULE } from './decide-default.js';
import { conversationRejection, withConversation, type HorizonSource, type Pair } from './decide-conversation.js';
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

/** A horizon source in memory that records what the step asked. */
function horizons(since?: string): HorizonSource & { ensured: [Pair, string][] } {
  const ensured: [Pair, string][] = [];
  return {
    ensured,
    get: async () => since,
    ensure: async (pair, day) => {
      ensured.push([pair, day]);
    },
  };
}

describe('the conversation step in enforce mode (the horizon as data)', () => {
  const enforce = () => 'enforce' as const;

  it('a finding after the horizon rejects: action refuse, no addressee, error reasons, findings marked enforced', async () => {
    const h = horizons('2026-01-01');
    const d = await withConversation(routeToCounterparty, { ...deps, mode: enforce, horizon: h })(input('JW305.xml', '2026-12-01'));
    expect(d.action).toBe('refuse');
    expect(d.addressee).toBeUndefined();
    expect(d.conversatie).toMatchObject({ mode: 'enforce', horizon: '2026-01-01' });
    expect(d.conversatie!.findings.map((f) => [f.rule, f.enforced])).toEqual([
      ['TR019', true],
      ['TR019', true],
    ]);
    expect(d.reasons.slice(1).map((r) => r.severity)).toEqual(['error', 'error']);
    expect(conversationRejection(d).map((f) => f.retourCode)).toEqual(['9019', '9019']);
  });

  it('a finding whose dates lie before the horizon only advises, even in enforce mode; the bericht is routed', async () => {
    const d = await withConversation(routeToCounterparty, { ...deps, mode: enforce, horizon: horizons('2026-11-30') })(
      input('JW305.xml', '2026-12-01'),
    );
    expect(d.action).toBe('route');
    expect(d.conversatie!.findings.every((f) => f.enforced === false)).toBe(true);
    expect(d.reasons.slice(1).every((r) => r.advies === true)).toBe(true);
    expect(conversationRejection(d)).toEqual([]);
  });

  it('without any horizon only the externe-bron rule (TR135) enforces', async () => {
    const d = await withConversation(routeToCounterparty, { ...deps, mode: enforce })(input('JW305.xml', '2026-11-01'));
    expect(conversationRejection(d).map((f) => f.rule)).toEqual(['TR135']);
    expect(d.conversatie!.findings.filter((f) => f.rule === 'TR019').every((f) => f.enforced === false)).toBe(true);
  });

  it('the first bericht of a pair sets its horizon to today, once per pair; imported history neither sets it nor enforces', async () => {
    const h = horizons('2026-01-01');
    const step = withConversation(routeToCounterparty, { ...deps, mode: enforce, horizon: h });
    await step(input('JW305.xml', '2026-12-01'));
    await step(input('JW305.xml', '2026-12-01'));
    expect(h.ensured).toEqual([[{ standard: 'ijw', gemeente: '0363', aanbieder: '41410017' }, '2026-12-01']]);
    const h2 = horizons('2026-01-01');
    const d = await withConversation(routeToCounterparty, { ...deps, mode: enforce, horizon: h2 })({
      ...input('JW305.xml', '2026-12-01'),
      imported: true,
    });
    expect(h2.ensured).toEqual([]);
    expect(d.action).toBe('route');
    expect(d.conversatie?.mode).toBe('advise');
  });
});
