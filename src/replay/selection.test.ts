import { describe, expect, it } from 'vitest';
import { parseBound, parseSelection, SelectionError } from './selection.js';

describe('replay selection', () => {
  it('reads times (date, date-time, zone) as UTC instants and offsets', () => {
    expect(parseBound('--from', '2026-11-01')).toEqual({ kind: 'time', at: '2026-11-01T00:00:00.000Z' });
    expect(parseBound('--from', '2026-11-01T08:30:00+01:00')).toEqual({ kind: 'time', at: '2026-11-01T07:30:00.000Z' });
    expect(parseBound('--from', '2026-11-01T08:30')).toEqual({ kind: 'time', at: '2026-11-01T08:30:00.000Z' });
    expect(parseBound('--from', '1200')).toEqual({ kind: 'offset', all: 1200 });
    expect(parseBound('--to', '0:10,2:7')).toEqual({ kind: 'offset', perPartition: { 0: 10, 2: 7 } });
  });

  it('normalises filters', () => {
    const s = parseSelection({
      from: '2026-11-01',
      to: '2026-12-01',
      standard: 'IJW',
      bericht: 'JW323',
      gemeente: '0363',
      aanbieder: '12345678',
      decision: 'suppress',
    });
    expect(s).toMatchObject({ standard: 'ijw', bericht: '323', gemeente: '0363', aanbieder: '12345678', decision: 'suppress' });
  });

  it('names the option and a code for every problem', () => {
    const cases: [Parameters<typeof parseSelection>[0], string, string][] = [
      [{ to: '2026-12-01' }, '--from', 'missing-option'],
      [{ from: '2026-11-01' }, '--to', 'missing-option'],
      [{ from: '2026-13-45', to: '2026-12-01' }, '--from', 'invalid-value'],
      [{ from: '2026-12-01', to: '2026-11-01' }, '--to', 'empty-range'],
      [{ from: '10', to: '5' }, '--to', 'empty-range'],
      [{ from: '2026-11-01', to: '5' }, '--to', 'mixed-range'],
      [{ from: '2026-11-01', to: '2026-12-01', gemeente: '363' }, '--gemeente', 'invalid-value'],
      [{ from: '2026-11-01', to: '2026-12-01', aanbieder: '1234' }, '--aanbieder', 'invalid-value'],
      [{ from: '2026-11-01', to: '2026-12-01', decision: 'drop' }, '--decision', 'invalid-value'],
      [{ from: '2026-11-01', to: '2026-12-01', standard: 'wlz' }, '--standard', 'invalid-value'],
    ];
    for (const [input, option, code] of cases) {
      try {
        parseSelection(input);
        expect.fail(`no error for ${JSON.stringify(input)}`);
      } catch (e) {
        expect(e).toBeInstanceOf(SelectionError);
        expect({ option: (e as SelectionError).option, code: (e as SelectionError).code }).toEqual({ option, code });
      }
    }
  });
});
