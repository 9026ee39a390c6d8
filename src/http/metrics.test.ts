import { describe, expect, it } from 'vitest';
import { summaryErrorDecision } from '../decision/decision.js';
import { CollectedGauge, Counter, Histogram, countDecision, createMetrics, decidingReason } from './metrics.js';

describe('prometheus text format', () => {
  it('renders counters with sorted, escaped labels', () => {
    const c = new Counter('x_total', 'help');
    c.inc({ b: '2', a: 'q"uote' });
    c.inc({ b: '2', a: 'q"uote' }, 2);
    expect(c.render()).toBe('# HELP x_total help\n# TYPE x_total counter\nx_total{a="q\\"uote",b="2"} 3');
  });

  it('renders cumulative histogram buckets, sum and count', () => {
    const h = new Histogram('lat_seconds', 'help', [0.01, 0.1]);
    h.observe(0.005);
    h.observe(0.05);
    h.observe(1);
    expect(h.render().split('\n').slice(2)).toEqual([
      'lat_seconds_bucket{le="0.01"} 1',
      'lat_seconds_bucket{le="0.1"} 2',
      'lat_seconds_bucket{le="+Inf"} 3',
      'lat_seconds_sum 1.055',
      'lat_seconds_count 3',
    ]);
  });

  it('collects gauges at scrape time', async () => {
    let n = 1;
    const g = new CollectedGauge('backlog', 'help', async () => [{ labels: { channel: 'webhook' }, value: n++ }]);
    expect(await g.render()).toContain('backlog{channel="webhook"} 1');
    expect(await g.render()).toContain('backlog{channel="webhook"} 2');
  });
});

describe('decision metrics', () => {
  /** Reason texts do not count: metrics label by rule. */
  const WHY = 'why';
  it('the deciding reason is the most severe, the last of equals, never the woonplaats annotation', () => {
    expect(
      decidingReason([
        { rule: 'OG-DECL', text: WHY, severity: 'info' },
        { rule: 'TS-DECL', text: WHY, severity: 'warning' },
        { rule: 'DECL-GEMENGD', text: WHY, severity: 'error' },
      ])?.rule,
    ).toBe('DECL-GEMENGD');
    expect(
      decidingReason([
        { rule: 'TM-TOEW', text: WHY, severity: 'warning' },
        { rule: 'RET-HEEN-NIET-BEZORGD', text: WHY, severity: 'warning' },
      ])?.rule,
    ).toBe('RET-HEEN-NIET-BEZORGD');
    expect(
      decidingReason([
        { rule: 'TM-TOEW', text: WHY, severity: 'warning' },
        { rule: 'WPB-RESULTAAT', text: WHY, severity: 'info' },
        { rule: 'WPB-AFWIJKING', text: WHY, severity: 'warning' },
      ])?.rule,
    ).toBe('TM-TOEW');
    expect(decidingReason([{ rule: 'no-contract-registry', text: WHY, severity: 'info' }])?.rule).toBe('no-contract-registry');
    expect(decidingReason([])).toBeUndefined();
  });

  it('counts suppress and refuse by rule, variant and contract; woonplaats mismatch by certainty; route only in decisions', () => {
    const m = createMetrics();
    countDecision(m, 'JW323', {
      action: 'suppress',
      variant: 'taakgericht-minimaal',
      contractIds: ['K'],
      reasons: [{ rule: 'TM-DECL', text: WHY, severity: 'warning', contractId: 'K' }],
      tags: [],
      items: [],
    });
    countDecision(m, 'JW323', {
      action: 'refuse',
      variant: 'gemengd',
      contractIds: ['A', 'B'],
      reasons: [
        { rule: 'OG-DECL', text: WHY, severity: 'info', contractId: 'A' },
        { rule: 'DECL-GEMENGD', text: WHY, severity: 'error' },
      ],
      tags: [],
      items: [],
    });
    countDecision(m, 'JW301', {
      action: 'route',
      variant: 'outputgericht',
      tags: ['woonplaats-afwijking'],
      woonplaats: {
        verwachteGemeente: '0363',
        headerGemeente: '0384',
        bron: 'postcode-tabel',
        zekerheid: 'midden',
        afwijking: true,
        toelichting: [],
      },
      reasons: [{ rule: 'OG-TOEW', text: WHY, severity: 'info' }],
      contractIds: [],
      items: [],
    });
    countDecision(m, 'JW305', summaryErrorDecision({ message: 'the bericht has no Header' }));
    expect(m.suppressed.get({ bericht: 'JW323', rule: 'TM-DECL', variant: 'taakgericht-minimaal', contract: 'K' })).toBe(1);
    expect(m.refused.get({ bericht: 'JW323', rule: 'DECL-GEMENGD', variant: 'gemengd', contract: 'A+B' })).toBe(1);
    expect(m.refused.get({ bericht: 'JW305', rule: 'summary-error', variant: 'none', contract: 'none' })).toBe(1);
    expect(m.woonplaatsMismatch.get({ bericht: 'JW301', zekerheid: 'midden' })).toBe(1);
    expect(m.decisions.get({ action: 'route', bericht: 'JW301', variant: 'outputgericht' })).toBe(1);
    expect(m.suppressed.render().split('\n')).toHaveLength(3);
  });
});
