/**
 * The Grafana dashboard (ops/grafana/sluis.json, issue 25 item 7): every panel's PromQL names only
 * metrics the gateway exports. The exported names come from a running gateway's /metrics after some
 * traffic (a bericht posted, read, a delivery attempted), plus the Kafka runtime's gauges, which
 * /metrics shows only with a broker configured (their names: src/app/kafka.ts KAFKA_GAUGES).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KAFKA_GAUGES } from '../../src/app/kafka.js';
import { KEYS, call, post, sample, startGateway, type Gateway } from './harness.js';

interface Panel {
  readonly type: string;
  readonly title: string;
  readonly targets?: readonly { readonly expr: string }[];
}
const dashboard = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../ops/grafana/sluis.json'), 'utf8')) as {
  panels: Panel[];
  templating: { list: { query: { query: string } }[] };
};

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'le',
  'inf',
  'nan',
]);

/** The metric names a PromQL expression selects: identifiers that are not functions, keywords, labels or strings. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const id = m[0];
    const next = bare.slice(m.index + id.length).trimStart();
    if (next.startsWith('(') || KEYWORDS.has(id.toLowerCase())) continue;
    names.add(id);
  }
  return [...names];
}

describe('the Grafana dashboard over the exported metrics', () => {
  let gw: Gateway;
  let exported: Set<string>;
  beforeAll(async () => {
    gw = await startGateway('pglite');
    const id = (await post(gw, sample('JW301'), KEYS.gemeente0384)).json().id;
    await call(gw, 'GET', `/api/v1/berichten/${id}`, { key: KEYS.operator });
    const text = (await call(gw, 'GET', '/metrics')).text;
    exported = new Set(Object.values(KAFKA_GAUGES));
    for (const line of text.split('\n')) {
      const type = /^# TYPE (\S+) (\S+)/.exec(line);
      if (type) {
        exported.add(type[1]!);
        if (type[2] === 'histogram') for (const s of ['_bucket', '_sum', '_count']) exported.add(`${type[1]}${s}`);
      } else if (line && !line.startsWith('#')) exported.add(line.split(/[{ ]/)[0]!);
    }
  });
  afterAll(async () => gw?.close());

  it('the expression parser finds metric names and nothing else', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le) (rate(sluis_ingest_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
      ),
    ).toEqual(['sluis_ingest_duration_seconds_bucket']);
    expect(metricNames('sum by (channel) (increase(a_total{result="error"}[1h])) / on (channel) b_total')).toEqual(['a_total', 'b_total']);
  });

  it('every panel has a query, and every query names only exported metrics', () => {
    const panels = dashboard.panels.filter((p) => p.type !== 'row');
    expect(panels.length).toBeGreaterThanOrEqual(10);
    const used = new Set<string>();
    for (const p of panels) {
      expect(p.targets?.length ?? 0, p.title).toBeGreaterThan(0);
      for (const t of p.targets!) {
        const names = metricNames(t.expr);
        expect(names.length, `${p.title}: ${t.expr}`).toBeGreaterThan(0);
        for (const n of names) {
          expect(exported.has(n), `${p.title}: ${n} is not exported by the gateway`).toBe(true);
          used.add(n);
        }
      }
    }
    for (const v of dashboard.templating.list)
      for (const n of metricNames(v.query.query.replace(/^label_values\(([^,]+),.*$/, '$1'))) expect(exported.has(n), n).toBe(true);
    // The panels the issue asks for: throughput, decisions by rule and variant, termijnen, delivery, Kafka lag.
    for (const wanted of [
      'sluis_berichten_total',
      'sluis_decisions_total',
      'sluis_suppressed_total',
      'sluis_refused_total',
      'sluis_termijnen_open',
      'sluis_termijnen_verlopen',
      'sluis_outbox_backlog',
      'sluis_deliveries_total',
      'sluis_kafka_consumer_lag',
    ])
      expect(used.has(wanted), wanted).toBe(true);
  });
});
