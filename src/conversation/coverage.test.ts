/**
 * The conversation rules encode what the rule table says: each one's retourcode, niveau and berichten
 * are the table's (ijw-3.2-technische-regels.json), and docs/rules-coverage.md counts all 58.
 */
import { describe, expect, it } from 'vitest';
import { loadStatefulTrs, statefulCoverage } from '../../scripts/gen-rules-coverage.js';
import { NOT_APPLICABLE } from './not-applicable.js';
import { CONVERSATION_RULES } from './rules.js';

const trs = loadStatefulTrs();

describe('the conversation rules against the rule table', () => {
  it('reads 54 berichtoverstijgende and 4 externe-bron TRs', () => {
    expect(trs.filter((t) => t.niveau === 'berichtoverstijgend')).toHaveLength(54);
    expect(trs.filter((t) => t.niveau === 'externe bron')).toHaveLength(4);
  });

  for (const rule of CONVERSATION_RULES) {
    it(`${rule.id}: retourcode, niveau and berichten as the table has them`, () => {
      const tr = trs.find((t) => t.code === rule.id);
      expect(tr, rule.id).toBeDefined();
      expect(rule.retourCode).toBe(tr!.retourcode);
      expect(rule.bron).toBe(tr!.niveau);
      expect([...rule.berichten].sort()).toEqual([...tr!.berichten].sort());
    });
  }

  it('every TR has a status; the encoded ones are exactly the rule objects', () => {
    const rows = statefulCoverage(trs);
    expect(rows).toHaveLength(58);
    expect(rows.filter((r) => r.status === 'encoded (advise)').map((r) => r.tr.code)).toEqual(
      trs.map((t) => t.code).filter((c) => CONVERSATION_RULES.some((r) => r.id === c)),
    );
  });

  it('a rule is either encoded or n/a, never both, and every n/a names a TR of the table', () => {
    for (const n of NOT_APPLICABLE) {
      expect(
        trs.some((t) => t.code === n.id),
        n.id,
      ).toBe(true);
      expect(
        CONVERSATION_RULES.some((r) => r.id === n.id),
        n.id,
      ).toBe(false);
      expect(n.reden.length, n.id).toBeGreaterThan(20);
    }
  });
});
