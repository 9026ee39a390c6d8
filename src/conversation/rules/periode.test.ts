import { describe, expect, it } from 'vitest';
import { eersteDag, laatsteDag, volgendeMaand } from './periode.js';

describe('calendar months for the period rules', () => {
  it('first and last days, leap years included', () => {
    expect(eersteDag('2026-03-17')).toBe('2026-03-01');
    expect(laatsteDag('2026-02-03')).toBe('2026-02-28');
    expect(laatsteDag('2028-02-03')).toBe('2028-02-29');
    expect(laatsteDag('2026-12-09')).toBe('2026-12-31');
    expect(volgendeMaand('2026-12')).toBe('2027-01');
    expect(volgendeMaand('2026-09')).toBe('2026-10');
  });
});
