import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/standard/generated/model.js';
import { validInstance } from './arbitraries.js';
import { generateMutants, valueCases } from './mutants.js';
import { SIMPLE_TYPES } from '../../src/standard/generated/model.js';
import { serializeXml, typedToTree } from './xmltree.js';

const base = (id: keyof typeof MESSAGES, seed: number): string =>
  serializeXml(typedToTree(id, validInstance(id, seed) as unknown as Record<string, unknown>));

describe('mutants', () => {
  it('are deterministic in the seed', () => {
    const a = generateMutants({ seed: 5, perMessage: 20, baseXml: base, messages: ['JW301', 'WMO323'] });
    const b = generateMutants({ seed: 5, perMessage: 20, baseXml: base, messages: ['JW301', 'WMO323'] });
    expect(a).toStrictEqual(b);
    const random = a.filter((m) => !m.id.includes('sweep'));
    expect(random).toHaveLength(40);
    expect(new Set(random.map((m) => m.xml)).size).toBeGreaterThan(35);
    expect(generateMutants({ seed: 5, perMessage: 3, baseXml: base, messages: ['JW301'], sweep: false })).toHaveLength(3);
  });

  it('the sweep tries every value case on every leaf class, xs:time included', () => {
    const ms = generateMutants({ seed: 2, perMessage: 0, baseXml: base, messages: ['JW301', 'JW323'] });
    const labels = new Set(ms.map((m) => m.mutation.replace(/^sweep value:([^ ]+).*$/, '$1')));
    for (const l of [
      'time-24:00:00',
      'time-offset-minus',
      'date-feb-30',
      'integer-plus-sign',
      'digits-with-letter',
      'not-in-enumeration',
      'charref-nul',
    ]) {
      expect(labels).toContain(l);
    }
  });

  it('cover every operator family', () => {
    const ms = generateMutants({ seed: 1, perMessage: 300, baseXml: base, messages: ['JW315'] });
    const families = new Set(ms.flatMap((m) => m.mutation.split(' + ').map((l) => l.split(/[: ]/)[0])));
    for (const f of [
      'value',
      'drop',
      'duplicate',
      'reorder',
      'rename',
      'namespace',
      'attribute',
      'text-in-element-only-content',
      'comment-or-pi',
      'element-in-simple-content',
      'root',
    ]) {
      expect(families).toContain(f);
    }
  });

  it("offer the brief's bad values per leaf type", () => {
    const labels = (t: string, v: string): string[] => valueCases(SIMPLE_TYPES[t]!, v).map((c) => c.label);
    expect(labels('ijw:LDT_Datum', '2026-01-01')).toEqual(expect.arrayContaining(['date-feb-30', 'date-utc-Z', 'space-around']));
    expect(labels('ijw:LDT_Nummer', '12')).toEqual(expect.arrayContaining(['integer-plus-sign', 'integer-leading-zeros', 'integer-max+1']));
    expect(labels('ijw:LDT_Naam', 'x')).toEqual(
      expect.arrayContaining(['too-long (201)', 'blank-spaces', 'nbsp-prefix (U+00A0 is not XSD whitespace)']),
    );
    expect(labels('ijw:LDT_Eenheid', '04')).toEqual(expect.arrayContaining(['not-in-enumeration', 'enumeration-without-leading-zero']));
  });
});
