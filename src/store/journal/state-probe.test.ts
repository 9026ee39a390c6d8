import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COUNTS, SUMMARY_INDEX } from './state-probe.js';

// sluis_summary_probe (migration 0202) spells the partial indexes' predicates and COUNTS in SQL; the
// TypeScript side (probeSql, the index migrations) spells them from the catalog. They must not drift.
const fn = readFileSync(fileURLToPath(new URL('../migrations/0202_summary_probe_fn.sql', import.meta.url)), 'utf8');
/** The function's query for one index: from its `IF`/`ELSIF` to the next branch. */
const branch = (idx: string): string => {
  const at = fn.indexOf(`idx = '${idx}' THEN`);
  expect(at).toBeGreaterThan(-1);
  const end = fn.slice(at).search(/\n\s*(ELSIF|ELSE)\b/);
  return fn.slice(at, end === -1 ? undefined : at + end).replace(/\s+/g, ' ');
};

describe('sluis_summary_probe (migration 0202)', () => {
  for (const idx of Object.keys(SUMMARY_INDEX) as (keyof typeof SUMMARY_INDEX)[])
    it(`the ${idx} query filters on the ${idx} index's predicate`, () => {
      // SUMMARY_INDEX: "(decision_summary ->> 'nummer') IN ('301', …)"; the function writes it for alias jj.
      expect(branch(idx)).toContain(SUMMARY_INDEX[idx].replace('(decision_summary', '(jj.decision_summary'));
    });

  it('counts the rows COUNTS counts', () => {
    for (const idx of Object.keys(SUMMARY_INDEX)) expect(branch(idx)).toContain(COUNTS.replace(/\b(decision|status)\b/g, 'm.$1'));
  });
});
