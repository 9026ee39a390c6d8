import { describe, expect, it } from 'vitest';
import type { RegieLijn } from '../types.js';
import { gestopteStarts, inEffect, sleutel, startSleutel } from './regie.js';

const start = (begindatum: string, statusAanlevering = '1'): RegieLijn => ({
  soort: 'start',
  toewijzingNummer: 'T1',
  categorie: '45',
  code: '45A01',
  begindatum,
  statusAanlevering,
});
const stop = (begindatum: string, statusAanlevering = '1', einddatum = '2026-02-01'): RegieLijn => ({
  ...start(begindatum, statusAanlevering),
  soort: 'stop',
  redenBeeindiging: '31',
  einddatum,
});

describe('the logical keys of starts and stops', () => {
  it('a stop carries its start key; its own key adds RedenBeeindiging and Einddatum', () => {
    expect(startSleutel(stop('2026-01-01'))).toBe(sleutel(start('2026-01-01')));
    expect(sleutel(stop('2026-01-01'))).not.toBe(sleutel(start('2026-01-01')));
    expect(sleutel(stop('2026-01-01', '1', '2026-03-01'))).not.toBe(sleutel(stop('2026-01-01')));
  });
  it('a 1 puts a key in effect, a 3 takes it out, per kind', () => {
    const e = inEffect([start('2026-01-01'), start('2026-02-01'), start('2026-01-01', '3'), stop('2026-02-01')]);
    expect([...e.start]).toEqual([sleutel(start('2026-02-01'))]);
    expect([...e.stop]).toEqual([sleutel(stop('2026-02-01'))]);
  });
  it('the starts with a stop in effect', () => {
    expect([...gestopteStarts([stop('2026-01-01')])]).toEqual([startSleutel(start('2026-01-01'))]);
    expect([...gestopteStarts([stop('2026-01-01'), stop('2026-01-01', '3')])]).toEqual([]);
  });
});
