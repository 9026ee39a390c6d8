import { describe, expect, it } from 'vitest';
import { CollectedGauge, Counter, Histogram } from './metrics.js';

describe('prometheus text format', () => {
  it('renders counters with sorted, escaped labels', () => {
    const c = new Counter('x_total', 'help');
    c.inc({ b: '2', a: 'q"uote' });
    c.inc({ b: '2', a: 'q"uote' }, 2);
    expect(c.render()).toBe('# HELP x_total help\n# TYPE x_total counter\nx_total{a="q\\"uote",b="2"} 3');
  });

  it('renders cumulative histogram buckets, sum and count', () => {
    const h = new Histogram('lat_seconds', 'help', [0.01, 0.1]);
    h.observe(0.005); h.observe(0.05); h.observe(1);
    expect(h.render().split('\n').slice(2)).toEqual([
      'lat_seconds_bucket{le="0.01"} 1', 'lat_seconds_bucket{le="0.1"} 2', 'lat_seconds_bucket{le="+Inf"} 3', 'lat_seconds_sum 1.055', 'lat_seconds_count 3',
    ]);
  });

  it('collects gauges at scrape time', async () => {
    let n = 1;
    const g = new CollectedGauge('backlog', 'help', async () => [{ labels: { channel: 'webhook' }, value: n++ }]);
    expect(await g.render()).toContain('backlog{channel="webhook"} 1');
    expect(await g.render()).toContain('backlog{channel="webhook"} 2');
  });
});
