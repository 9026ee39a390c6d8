import { describe, expect, it } from 'vitest';
import { feestdagen, paaszondag, plusDagen, Werkdagen } from './werkdagen.js';

describe('paaszondag (computus)', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    // the extremes of the Gregorian range of Easter
    [2285, '2285-03-22'],
    [2038, '2038-04-25'],
  ])('%i → %s', (year, date) => expect(paaszondag(year)).toBe(date));
});

describe('feestdagen', () => {
  it('2026: the Easter-based days follow Easter, Koningsdag on the 27th', () => {
    expect(feestdagen(2026).map((f) => `${f.datum} ${f.naam}`)).toEqual([
      '2026-01-01 Nieuwjaarsdag',
      '2026-04-06 Tweede Paasdag',
      '2026-04-27 Koningsdag',
      '2026-05-05 Bevrijdingsdag',
      '2026-05-14 Hemelvaartsdag',
      '2026-05-25 Tweede Pinksterdag',
      '2026-12-25 Eerste Kerstdag',
      '2026-12-26 Tweede Kerstdag',
    ]);
  });
  it('Koningsdag moves to 26 April when the 27th is a Sunday (2025, 2031)', () => {
    expect(feestdagen(2025).find((f) => f.naam === 'Koningsdag')?.datum).toBe('2025-04-26');
    expect(feestdagen(2031).find((f) => f.naam === 'Koningsdag')?.datum).toBe('2031-04-26');
  });
  it('5 May only when the setting keeps it; Goede Vrijdag never', () => {
    expect(feestdagen(2026, { bevrijdingsdag: false }).map((f) => f.datum)).not.toContain('2026-05-05');
    expect(feestdagen(2026).map((f) => f.datum)).not.toContain(plusDagen(paaszondag(2026), -2));
  });
});

describe('Werkdagen', () => {
  const w = new Werkdagen();
  it('weekends and feestdagen are no working days; Goede Vrijdag is', () => {
    expect(w.isWerkdag('2026-04-04')).toBe(false); // Saturday
    expect(w.isWerkdag('2026-04-05')).toBe(false); // Sunday (Easter)
    expect(w.isWerkdag('2026-04-06')).toBe(false); // Tweede Paasdag
    expect(w.isWerkdag('2026-04-03')).toBe(true); // Goede Vrijdag
    expect(w.isWerkdag('2026-04-07')).toBe(true);
  });
  it('3 working days from a Thursday before Easter skip Saturday, Sunday and Tweede Paasdag', () => {
    // Thu 2 Apr 2026 → Fri 3, Tue 7, Wed 8
    expect(w.plusWerkdagen('2026-04-02', 3)).toBe('2026-04-08');
  });
  it('Koningsdag and Bevrijdingsdag in one week (2026: Mon 27 Apr, Tue 5 May)', () => {
    // Fri 24 Apr → Tue 28, Wed 29, Thu 30
    expect(w.plusWerkdagen('2026-04-24', 3)).toBe('2026-04-30');
    // Mon 4 May → Wed 6, Thu 7, Fri 8
    expect(w.plusWerkdagen('2026-05-04', 3)).toBe('2026-05-08');
    expect(new Werkdagen({ bevrijdingsdag: false }).plusWerkdagen('2026-05-04', 3)).toBe('2026-05-07');
  });
  it('across the year boundary: Christmas and Nieuwjaarsdag', () => {
    // Thu 24 Dec 2026 → (25, 26 feestdagen; 27 Sun) Mon 28, Tue 29, Wed 30
    expect(w.plusWerkdagen('2026-12-24', 3)).toBe('2026-12-30');
    // Wed 23 Dec 2026, 10 working days → 24, 28, 29, 30, 31, (1 Jan) 4, 5, 6, 7, 8 Jan 2027
    expect(w.plusWerkdagen('2026-12-23', 10)).toBe('2027-01-08');
  });
  it('werkdagenTussen counts the working days after the first date up to the second', () => {
    expect(w.werkdagenTussen('2026-12-24', '2026-12-30')).toBe(3);
    expect(w.werkdagenTussen('2026-12-30', '2026-12-24')).toBe(0);
  });
  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(() => w.isWerkdag('2026-1-1')).toThrow(RangeError);
  });
});
