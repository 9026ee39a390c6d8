/**
 * A small Prometheus registry (text exposition format 0.0.4), written here instead of a dependency:
 * counters, gauges computed at scrape time, and histograms. Labels never carry personal data —
 * only codes (standard, bericht, action, variant, channel, HTTP status).
 */
import { Tag, type Severity } from '../decision/decision.js';
import { RULE } from '../decision/policy.js';
import type { Decision, DecisionReason } from '../pipeline/types.js';

type Labels = Readonly<Record<string, string>>;

const NEEDS_ESCAPE = /[\\"\n]/;

function escapeLabel(v: string): string {
  return NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : v;
}

/** `k1="v1",k2="v2"` in key order. Called a few times per request: label values are codes, so escaping is rarely needed. */
function labelKey(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length > 1) keys.sort();
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out += `${i ? ',' : ''}${k}="${escapeLabel(String(labels[k]))}"`;
  }
  return out;
}

export class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = labelKey(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${v}`);
    return lines.join('\n');
  }
}

export class Histogram {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}
  observe(value: number, labels: Labels = {}): void {
    const k = labelKey(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      const pre = k ? `${k},` : '';
      this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket{${pre}le="${b}"} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket{${pre}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${k ? `{${k}}` : ''} ${s.sum}`);
      lines.push(`${this.name}_count${k ? `{${k}}` : ''} ${s.count}`);
    }
    return lines.join('\n');
  }
}

/** A gauge whose samples are read when scraped (e.g. outbox backlog from the database). */
export class CollectedGauge {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly collect: () => Promise<{ labels: Labels; value: number }[]>,
  ) {}
  async render(): Promise<string> {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const s of await this.collect()) {
      const k = labelKey(s.labels);
      lines.push(`${this.name}${k ? `{${k}}` : ''} ${s.value}`);
    }
    return lines.join('\n');
  }
}

/** Latency buckets in seconds: 1 ms … 10 s (ingest p99 target is 50 ms). */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export interface GatewayMetrics {
  readonly berichten: Counter;
  readonly decisions: Counter;
  readonly ingestSeconds: Histogram;
  readonly httpRequests: Counter;
  readonly commitRows: Histogram;
  readonly deliveries: Counter;
  /** Suppressed berichten by the deciding rule, variant and contract (never delivered, PRODUCT §3). */
  readonly suppressed: Counter;
  /** Refused berichten by the deciding rule, variant and contract. */
  readonly refused: Counter;
  /** Woonplaats checks whose expected gemeente differs from the bericht's (tag woonplaats-afwijking). */
  readonly woonplaatsMismatch: Counter;
  /** Conversation findings attached as advice (src/conversation), by bericht, rule and retourcode. */
  readonly conversationFindings: Counter;
  render(extra: readonly CollectedGauge[]): Promise<string>;
}

export function createMetrics(): GatewayMetrics {
  const berichten = new Counter(
    'sluis_berichten_total',
    'Berichten taken in, by standard, bericht (JW301 …) and outcome (status or problem)',
  );
  const decisions = new Counter('sluis_decisions_total', 'Decisions by action (route/suppress/refuse), bericht and uitvoeringsvariant');
  const ingestSeconds = new Histogram(
    'sluis_ingest_duration_seconds',
    'Time from request to answer for POST /api/v1/berichten, by outcome',
    LATENCY_BUCKETS,
  );
  const httpRequests = new Counter('sluis_http_requests_total', 'HTTP requests by route and status');
  const commitRows = new Histogram(
    'sluis_journal_commit_rows',
    'Berichten per journal transaction (group commit size)',
    [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
  );
  const deliveries = new Counter('sluis_deliveries_total', 'Delivery attempts by channel and result');
  const suppressed = new Counter(
    'sluis_suppressed_total',
    'Suppressed berichten by bericht, deciding rule, uitvoeringsvariant/profile and contract',
  );
  const refused = new Counter(
    'sluis_refused_total',
    'Refused berichten by bericht, deciding rule, uitvoeringsvariant/profile and contract',
  );
  const woonplaatsMismatch = new Counter(
    'sluis_woonplaats_mismatch_total',
    'Woonplaats checks whose expected gemeente differs from the gemeente in the bericht, by bericht and certainty (zekerheid)',
  );
  const conversationFindings = new Counter(
    'sluis_conversation_findings_total',
    'Conversation rule findings (berichtoverstijgend, externe bron) by bericht, rule, retourcode and mode (advise: attached, not rejected)',
  );
  return {
    berichten,
    decisions,
    ingestSeconds,
    httpRequests,
    commitRows,
    deliveries,
    suppressed,
    refused,
    woonplaatsMismatch,
    conversationFindings,
    async render(extra) {
      const parts = [
        berichten.render(),
        decisions.render(),
        ingestSeconds.render(),
        httpRequests.render(),
        commitRows.render(),
        deliveries.render(),
        suppressed.render(),
        refused.render(),
        woonplaatsMismatch.render(),
        conversationFindings.render(),
      ];
      for (const g of extra) parts.push(await g.render());
      return `${parts.join('\n')}\n`;
    },
  };
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };
/** The woonplaats result and mismatch are attached for the gemeente; they never decide an action. */
const ANNOTATION_RULES: ReadonlySet<string> = new Set([RULE.WOONPLAATS_RESULTAAT, RULE.WOONPLAATS_AFWIJKING]);

/**
 * The reason that carries a suppress/refuse: the most severe, and of equally severe ones the last —
 * the core appends the combining rule after the item rules it combines (a mixed declaratie's
 * DECL-GEMENGD after TS-DECL; a retour's RET-HEEN-NIET-BEZORGD after its heenbericht's rule).
 */
export function decidingReason(reasons: readonly DecisionReason[]): DecisionReason | undefined {
  let best: DecisionReason | undefined;
  let rank = -1;
  for (const r of reasons) {
    if (ANNOTATION_RULES.has(r.rule) || r.advies === true) continue;
    const k = SEVERITY_RANK[r.severity];
    if (k >= rank) {
      best = r;
      rank = k;
    }
  }
  return best ?? reasons[0];
}

/**
 * Counts one new decision: sluis_decisions_total always; suppress/refuse by their deciding reason
 * (contract: that reason's, else the decision's contracts joined with '+', else 'none'); a woonplaats
 * mismatch by its certainty. Labels are codes only (rule ids, contract ids, variants), never a BSN.
 */
export function countDecision(m: GatewayMetrics, bericht: string, d: Decision): void {
  const variant = d.variant ?? 'none';
  m.decisions.inc({ action: d.action, bericht, variant });
  if (d.action === 'suppress' || d.action === 'refuse') {
    const main = decidingReason(d.reasons);
    const contract = main?.contractId ?? (d.contractIds.length > 0 ? d.contractIds.join('+') : 'none');
    (d.action === 'suppress' ? m.suppressed : m.refused).inc({ bericht, rule: main?.rule ?? 'none', variant, contract });
  }
  for (const r of d.reasons) {
    if (r.advies === true && r.retourCode !== undefined)
      m.conversationFindings.inc({ bericht, rule: r.rule, retourcode: r.retourCode, mode: 'advise' });
  }
  if (d.tags.includes(Tag.woonplaatsAfwijking)) {
    m.woonplaatsMismatch.inc({ bericht, zekerheid: d.woonplaats?.zekerheid ?? 'onbekend' });
  }
}
