/**
 * Scenario helpers for the conversation rules through the running gateway: berichten made from the
 * samples (samples/{ijw,iwmo}) with parties, BSNs and numbers substituted, posted over HTTP in order;
 * the last bericht of a scenario carries the finding (or not). Advise never changes the decision's action.
 */
import { expect } from 'vitest';
import type { Standard } from '../../src/standard/model.js';
import { bericht, testBsn } from '../kafka/fixtures.js';
import { KEYS, post, type Gateway, type Json } from '../gateway/harness.js';

/** Europe/Amsterdam: 1 December 2026 (every sample's Dagtekening is in November 2026). */
export const NOW = new Date('2026-12-01T10:00:00Z');

export type Who = 'gemeente' | 'aanbieder';
export interface Step {
  readonly who: Who;
  readonly xml: string;
}
export interface Scenario {
  readonly rule: string;
  readonly name: string;
  /** Whether the last step carries a finding of `rule`. */
  readonly finding: boolean;
  readonly steps: (c: Ctx) => Step[];
  /** The standards the scenario runs in (default both). */
  readonly standards?: readonly Standard[];
}
export interface Ctx {
  readonly standard: Standard;
  /** A fresh client per scenario. */
  readonly bsn: string;
  readonly other: string;
  /** Unique per scenario: identificaties and numbers are made from it. */
  readonly tag: string;
}

export const P = (s: Standard): string => (s === 'ijw' ? 'JW' : 'WMO');
let seq = 0;
export const id = (c: Ctx): string => `${c.tag}${(seq++).toString(36)}`.slice(0, 12);
export const msg = (c: Ctx, nr: string, bsn = c.bsn, more: string[] = []): string =>
  bericht({ id: `${P(c.standard)}${nr}`, identificatie: id(c), bsn, moreBsns: more });
export const setAll = (xml: string, el: string, from: string, to: string): string =>
  xml.replace(new RegExp(`(<[\\w]+:${el}>)${from}(<)`, 'g'), `$1${to}$2`);
export const setFirst = (xml: string, el: string, to: string): string => xml.replace(new RegExp(`(<[\\w]+:${el}>)[^<]*(<)`), `$1${to}$2`);
/** The header Dagtekening (the first Dagtekening in a heenbericht). */
export const dagtekening = (xml: string, d: string): string => setFirst(xml, 'Dagtekening', d);

export const toewijzing = (c: Ctx): Step => ({ who: 'gemeente', xml: msg(c, '301') });
export const start = (c: Ctx): Step => ({ who: 'aanbieder', xml: msg(c, '305') });
export const stop = (c: Ctx): Step => ({ who: 'aanbieder', xml: msg(c, '307') });
/** A 305 for the sample 307's product only (the first StartProduct dropped), starting after that stop. */
export const restart = (c: Ctx): Step => {
  const xml = msg(c, '305').replace(/<([\w]+):StartProduct>[\s\S]*?<\/\1:StartProduct>\s*/, '');
  return { who: 'aanbieder', xml: dagtekening(setAll(xml, 'Begindatum', '2026-11-05', '2026-11-21'), '2026-11-25') };
};
export const verzoek = (c: Ctx, ref: string): Step => ({
  who: 'aanbieder',
  xml: setAll(msg(c, '315'), 'ReferentieAanbieder', '[^<]*', ref),
});
/** A 319 "verzoek afgewezen" (VerzoekAntwoord 1; the iWmo sample says 2, in onderzoek, which closes nothing). */
export const afgewezen = (c: Ctx, ref: string): Step => {
  let xml = setAll(setAll(msg(c, '319'), 'ReferentieAanbieder', '[^<]*', ref), 'VerzoekAntwoord', '[^<]*', '1');
  if (!/RedenAfwijzingVerzoek>/.test(xml))
    xml = xml.replace(/(<([\w]+):VerzoekAntwoord>1<\/\2:VerzoekAntwoord>)/, '$1<$2:RedenAfwijzingVerzoek>1</$2:RedenAfwijzingVerzoek>');
  return { who: 'gemeente', xml };
};
export const declaratie = (c: Ctx, nummer: string): Step => ({
  who: 'aanbieder',
  xml: setFirst(msg(c, '323', c.bsn, [c.other]), 'DeclaratieNummer', nummer),
});

/** The 323 sample's ToewijzingNummers per client, in order of its clients. */
export function declaredPerClient(standard: Standard): string[][] {
  const xml = bericht({ id: `${P(standard)}323`, identificatie: 'x' });
  return xml
    .split(/<[\w]+:Bsn>/)
    .slice(1)
    .map((part) => [...new Set([...part.matchAll(/<[\w]+:ToewijzingNummer>([^<]*)</g)].map((m) => m[1]!))]);
}
/** A 301 assigning the given ToewijzingNummers (the sample's three lines renumbered) to `bsn`. */
export function toewijzingVan(c: Ctx, bsn: string, nummers: readonly string[]): Step {
  let xml = msg(c, '301', bsn);
  const sample = [...new Set([...xml.matchAll(/<[\w]+:ToewijzingNummer>([^<]*)</g)].map((m) => m[1]!))];
  sample.forEach((n, i) => {
    xml = setAll(xml, 'ToewijzingNummer', n, nummers[i] ?? `${nummers[0]}${i}`);
  });
  return { who: 'gemeente', xml };
}

export const KEY: Record<Who, string> = { gemeente: KEYS.gemeente0384, aanbieder: KEYS.aanbieder42420001 };
export const rulesOf = (decision: Json): string[] => decision.reasons.map((r: { rule: string }) => r.rule);

/** The scenarios × standards as it.each cases. */
export const scenarioCases = (scenarios: readonly Scenario[]) =>
  (['ijw', 'iwmo'] as const).flatMap((standard) =>
    scenarios.filter((s) => (s.standards ?? ['ijw', 'iwmo']).includes(standard)).map((s) => ({ standard, ...s })),
  );

/** A fresh context: two BSNs and a tag unique to the scenario (`n` unique per gateway). */
export const ctxFor = (standard: Standard, n: number, prefix = 'C'): Ctx => ({
  standard,
  bsn: testBsn(7000 + 2 * n),
  other: testBsn(7001 + 2 * n),
  tag: `${prefix}${standard[1]}${n}`,
});

/**
 * Post a scenario's steps (each must be accepted and routed) and check its last decision: without a
 * finding of `rule`, or with one as a warning advice under the tag `conversatie`. Returns the
 * findings' reasons of the rule.
 */
export async function runScenario(gw: Gateway, s: Scenario, c: Ctx): Promise<Json[]> {
  let last: Json;
  for (const step of s.steps(c)) {
    const r = await post(gw, step.xml, KEY[step.who]);
    expect(r.status, r.text).toBe(202);
    last = r.json();
    expect(last.decision.action).toBe('route'); // advise: the action never changes
  }
  const mine = last.decision.reasons.filter((r: { rule: string }) => r.rule === s.rule);
  if (!s.finding) {
    expect(rulesOf(last.decision), JSON.stringify(mine)).not.toContain(s.rule);
    return mine;
  }
  expect(mine.length).toBeGreaterThan(0);
  for (const r of mine) expect(r).toMatchObject({ severity: 'warning', advies: true, retourCode: expect.stringMatching(/^\d{4}$/) });
  expect(last.decision.tags).toContain('conversatie');
  expect(last.decision.conversatie.findings.map((f: { rule: string }) => f.rule)).toContain(s.rule);
  return mine;
}
