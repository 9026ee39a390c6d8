/**
 * The regie, verzoek/antwoord and toewijzing conversation rules (305/307, 315/317/319, 301) through the
 * running gateway (advise mode), on PGlite and PostgreSQL: per rule a passing and a failing scenario,
 * in both standards. The last bericht of a scenario carries the finding (or not).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { STORES, startGateway, type Gateway } from '../gateway/harness.js';
import {
  NOW,
  ctxFor,
  runScenario,
  scenarioCases,
  setAll,
  start,
  stop,
  toewijzing,
  type Ctx,
  type Scenario,
  type Step,
} from './scenario.js';

/** A step with every StatusAanlevering 3 (verwijderen). */
const verwijder = (s: Step): Step => ({ ...s, xml: setAll(s.xml, 'StatusAanlevering', '1', '3') });

const REGIE: readonly Scenario[] = [
  {
    rule: 'TR063',
    name: 'a start removed after it was sent',
    finding: false,
    steps: (c) => [toewijzing(c), start(c), verwijder(start(c))],
  },
  { rule: 'TR063', name: 'a start removed that was never sent', finding: true, steps: (c) => [toewijzing(c), verwijder(start(c))] },
  {
    rule: 'TR063',
    name: 'a stop removed after it was sent',
    finding: false,
    steps: (c) => [toewijzing(c), start(c), stop(c), verwijder(stop(c))],
  },
  {
    rule: 'TR063',
    name: 'a stop removed twice',
    finding: true,
    steps: (c) => [toewijzing(c), start(c), stop(c), verwijder(stop(c)), verwijder(stop(c))],
  },
  { rule: 'TR074', name: 'a start, then its stop', finding: false, steps: (c) => [toewijzing(c), start(c), stop(c)] },
  { rule: 'TR074', name: 'the same start twice', finding: true, steps: (c) => [toewijzing(c), start(c), start(c)] },
  {
    rule: 'TR074',
    name: 'a stop sent again after its removal',
    finding: false,
    steps: (c) => [toewijzing(c), start(c), stop(c), verwijder(stop(c)), stop(c)],
  },
  { rule: 'TR074', name: 'the same stop twice', finding: true, steps: (c) => [toewijzing(c), start(c), stop(c), stop(c)] },
  { rule: 'TR071', name: 'a start removed before any stop', finding: false, steps: (c) => [toewijzing(c), start(c), verwijder(start(c))] },
  {
    rule: 'TR071',
    name: 'a start removed after its stop',
    finding: true,
    steps: (c) => [toewijzing(c), start(c), stop(c), verwijder(start(c))],
  },
  { rule: 'TR382', name: 'a stop with its start’s key', finding: false, steps: (c) => [toewijzing(c), start(c), stop(c)] },
  {
    rule: 'TR382',
    name: 'a stop with another Begindatum than its start',
    finding: true,
    steps: (c) => [toewijzing(c), start(c), { ...stop(c), xml: setAll(stop(c).xml, 'Begindatum', '2026-11-05', '2026-11-06') }],
  },
];

const SCENARIOS: readonly Scenario[] = [...REGIE];

describe.each(STORES)('the regie, verzoek and toewijzing rules through the gateway on %s (advise)', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => NOW });
  });
  afterAll(async () => {
    await gw?.close();
  });

  let n = 0;
  it.each(scenarioCases(SCENARIOS))('$standard $rule: $name → finding $finding', async (s) => {
    const c: Ctx = ctxFor(s.standard, n++, 'R');
    await runScenario(gw, s, c);
  });
});
