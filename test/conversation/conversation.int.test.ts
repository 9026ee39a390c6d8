/**
 * The conversation rules through the running gateway (advise mode), on PGlite and PostgreSQL: per
 * encoded rule a passing and a failing scenario — a short sequence of berichten posted over HTTP —
 * in both standards. The last bericht of a scenario carries the finding (or not); advise never
 * changes the decision's action. Samples from samples/{ijw,iwmo}, parties and BSNs substituted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBsn } from '../kafka/fixtures.js';
import { KEYS, STORES, call, post, startGateway, type Gateway } from '../gateway/harness.js';
import {
  NOW,
  afgewezen,
  dagtekening,
  declaratie,
  declaredPerClient,
  msg,
  restart,
  runScenario,
  scenarioCases,
  start,
  stop,
  toewijzing,
  toewijzingVan,
  verzoek,
  type Ctx,
  type Scenario,
} from './scenario.js';

const SCENARIOS: readonly Scenario[] = [
  { rule: 'TR019', name: 'a start after its toewijzing', finding: false, steps: (c) => [toewijzing(c), start(c)] },
  { rule: 'TR019', name: 'a start without any toewijzing', finding: true, steps: (c) => [start(c)] },
  {
    rule: 'TR019',
    name: 'a stop for a toewijzing of another client',
    finding: true,
    steps: (c) => [toewijzing({ ...c, bsn: c.other }), stop(c)],
  },
  {
    rule: 'TR326',
    name: 'a new start after the stop of the running one',
    finding: false,
    steps: (c) => [toewijzing(c), start(c), stop(c), restart(c)],
  },
  { rule: 'TR326', name: 'a second start on a running product', finding: true, steps: (c) => [toewijzing(c), start(c), start(c)] },
  {
    rule: 'TR333',
    name: 'two declaraties with their own numbers',
    finding: false,
    steps: (c) => [declaratie(c, `${c.tag}A`), declaratie(c, `${c.tag}B`)],
  },
  {
    rule: 'TR333',
    name: 'a DeclaratieNummer used twice',
    finding: true,
    steps: (c) => [declaratie(c, `${c.tag}A`), declaratie(c, `${c.tag}A`)],
  },
  {
    rule: 'TR338',
    name: 'a declaratie for products assigned to each client',
    finding: false,
    steps: (c) => {
      const [a, b] = declaredPerClient(c.standard);
      return [toewijzingVan(c, c.bsn, a!), toewijzingVan(c, c.other, b!), declaratie(c, `${c.tag}D`)];
    },
  },
  {
    rule: 'TR338',
    name: 'a declaratie for a product never assigned to the second client',
    finding: true,
    steps: (c) => {
      const [a] = declaredPerClient(c.standard);
      return [toewijzingVan(c, c.bsn, a!), declaratie(c, `${c.tag}D`)];
    },
  },
  {
    rule: 'TR374',
    name: 'a new verzoek after the first was afgewezen',
    finding: false,
    steps: (c) => [verzoek(c, `${c.tag}-1`), afgewezen(c, `${c.tag}-1`), verzoek(c, `${c.tag}-2`)],
  },
  {
    rule: 'TR374',
    name: 'a second verzoek while the first is open',
    finding: true,
    steps: (c) => [verzoek(c, `${c.tag}-1`), verzoek(c, `${c.tag}-2`)],
  },
  {
    rule: 'TR135',
    name: 'a Dagtekening of today',
    finding: false,
    steps: (c) => [{ who: 'gemeente', xml: dagtekening(msg(c, '301'), '2026-12-01') }],
  },
  {
    rule: 'TR135',
    name: 'a Dagtekening of tomorrow',
    finding: true,
    steps: (c) => [{ who: 'gemeente', xml: dagtekening(msg(c, '301'), '2026-12-02') }],
  },
];

describe.each(STORES)('the conversation rules through the gateway on %s (advise)', (store) => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway(store, { clock: () => NOW });
  });
  afterAll(async () => {
    await gw?.close();
  });

  let n = 0;
  it.each(scenarioCases(SCENARIOS))('$standard $rule: $name → finding $finding', async (s) => {
    n += 2;
    const c: Ctx = { standard: s.standard, bsn: testBsn(7000 + n), other: testBsn(7001 + n), tag: `C${s.standard[1]}${n}` };
    const mine = await runScenario(gw, s, c);
    if (s.finding && s.rule === 'TR338') for (const r of mine) expect(r.path).toMatch(/\/Client\[2\]\//);
  });

  it('the finding shows in GET /api/v1/berichten/{id} and in /metrics; the summary holds no BSN', async () => {
    const c: Ctx = { standard: 'ijw', bsn: testBsn(7900), other: testBsn(7901), tag: 'CGET' };
    const r = (await post(gw, start(c).xml, KEYS.aanbieder42420001)).json();
    const stored = (await call(gw, 'GET', `/api/v1/berichten/${r.id}`, { key: KEYS.operator })).json();
    expect(stored.decision.reasons).toEqual(r.decision.reasons);
    expect(stored.decision.reasons.find((x: { rule: string }) => x.rule === 'TR019')).toMatchObject({ retourCode: '9019' });
    expect(JSON.stringify(stored.decision)).not.toContain(c.bsn);
    expect(stored.decision.summary.items[0].client).toMatch(/^[0-9a-f]{32}$/);
    const metrics = (await call(gw, 'GET', '/metrics', { key: KEYS.operator })).text;
    expect(metrics).toMatch(/sluis_conversation_findings_total\{[^}]*rule="TR019"[^}]*\} [1-9]/);
  });
});
