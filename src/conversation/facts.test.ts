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
    expect(t[0]!.budgetBedrag).toBeUndefined();
    expect(t[2]).toMatchObject({ budgetBedrag: '1250000', einddatum: '2027-10-31' });
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

/** The text of element `el` in the first `block` element of a sample (namespace prefixes ignored). */
function firstIn(id: string, block: string, el: string): string | undefined {
  const xml = new TextDecoder().decode(sample(id));
  const b = new RegExp(`<(\\w+:)?${block}>([\\s\\S]*?)</(\\w+:)?${block}>`).exec(xml)?.[2] ?? '';
  return new RegExp(`<(\\w+:)?${el}>([^<]*)<`).exec(b)?.[2];
}

describe('the declaratie facts', () => {
  it('a 323: each prestatie gets its period end, debet/credit, amount, volume and eenheid; the bericht its period and XsdVersie', () => {
    const s = facts('JW323');
    const v = (el: string) => firstIn('JW323', 'Prestatie', el);
    expect(s.items[0]).toMatchObject({
      einddatum: v('Einddatum'),
      debetCredit: v('DebetCredit'),
      bedrag: v('Bedrag'),
      geleverdVolume: v('GeleverdVolume'),
      eenheid: v('Eenheid'),
    });
    expect(s.declaratie).toEqual({
      periodeBegin: firstIn('JW323', 'DeclaratiePeriode', 'Begindatum'),
      periodeEind: firstIn('JW323', 'DeclaratiePeriode', 'Einddatum'),
      xsdVersie: `${firstIn('JW323', 'XsdVersie', 'BasisschemaXsdVersie')}/${firstIn('JW323', 'XsdVersie', 'BerichtXsdVersie')}`,
    });
  });
  it('a 301: each line gets its Einddatum', () => {
    expect(facts('JW301').items[0]!.einddatum).toBe(firstIn('JW301', 'ToegewezenProduct', 'Einddatum'));
  });
  it('a 325: prestaties carry their RetourCodes and credits their debet; the bericht says whether it rejects the whole declaratie', () => {
    const s = facts('JW325');
    expect(s.items[0]!.retourCodes).toEqual([firstIn('JW325', 'Prestatie', 'RetourCode')]);
    expect(s.items[0]!.vorigReferentie).toBe(firstIn('JW325', 'Prestatie', 'VorigReferentieNummer'));
    expect(s.declaratie?.afgewezen).toBe(false);
    expect(s.declaratie?.xsdVersie).toMatch(/^\d+\.\d+\.\d+\/\d+\.\d+\.\d+$/);
  });
  it('keeps the summary key order on a prestatie (journaled summaries compare as JSON)', () => {
    expect(Object.keys(facts('JW323').items[0]!)).toEqual([
      'kind',
      'index',
      'path',
      'datum',
      'categorie',
      'code',
      'toewijzingNummer',
      'productReferentie',
      'client',
      'einddatum',
      'debetCredit',
      'bedrag',
      'geleverdVolume',
      'eenheid',
      'productTarief',
    ]);
  });
});
