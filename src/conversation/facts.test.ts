import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../decision/summary.js';
import { parseBericht } from '../validation/parse.js';
import { withConversationFacts } from './facts.js';

const sample = (id: string): Uint8Array =>
  readFileSync(join(import.meta.dirname, '../../samples', id.startsWith('JW') ? 'ijw' : 'iwmo', `${id}.xml`));

function facts(id: string) {
  const p = parseBericht(sample(id));
  if (!p.success) throw new Error(`${id} does not parse`);
  return withConversationFacts(summarize(p.message, p.bericht), p.bericht, (bsn) => `key(${bsn})`);
}

describe('the conversation facts on a summary', () => {
  it('a 305: every line gets its client key and StatusAanlevering', () => {
    const s = facts('JW305');
    const bsn = /Bsn>(\d{9})</.exec(new TextDecoder().decode(sample('JW305')))![1];
    expect(s.items.length).toBeGreaterThan(0);
    for (const it of s.items) expect([it.client, it.statusAanlevering]).toEqual([`key(${bsn})`, '1']);
  });
  it('a 307 line carries RedenBeeindiging and Einddatum; a 301 line its Einddatum and Budget amount', () => {
    expect(facts('JW307').items[0]).toMatchObject({ redenBeeindiging: '31', einddatum: '2026-11-20', statusAanlevering: '1' });
    const t = facts('JW301').items;
    expect(t[0]).toMatchObject({ einddatum: '2027-04-30' });
    expect(t[0]!.budgetWaarde).toBeUndefined();
    expect(t[2]).toMatchObject({ budgetWaarde: '1250000', einddatum: '2027-10-31' });
    expect(facts('JW305').items[0]!.einddatum).toBeUndefined();
  });
  it("a 323: each prestatie gets its own Client's key", () => {
    const s = facts('JW323');
    const keys = s.items.map((it) => it.client);
    expect(new Set(keys).size).toBe(2);
    expect(keys.every((k) => k?.startsWith('key('))).toBe(true);
  });
  it('never puts a BSN anywhere but through the key function', () => {
    const raw = sample('WMO315');
    const bsns = [...new TextDecoder().decode(raw).matchAll(/Bsn>(\d{9})</g)].map((m) => m[1]!);
    expect(bsns.length).toBeGreaterThan(0);
    const p = parseBericht(raw);
    if (!p.success) throw new Error('WMO315 does not parse');
    const text = JSON.stringify(withConversationFacts(summarize(p.message, p.bericht), p.bericht, () => 'k'.repeat(32)));
    for (const b of bsns) expect(text).not.toContain(b);
  });
});
