import { describe, expect, it } from 'vitest';
import { compareDecisions, describeDecision } from './diff.js';
import type { Decision } from '../pipeline/types.js';

/** No tags, contracts or items: the diff reads the action, addressee and reasons. */
const bare = { tags: [], contractIds: [], items: [] } as const;
const suppressedK1: Decision = {
  action: 'suppress',
  reasons: [{ rule: 'TM-DECL', text: 'taakgericht', severity: 'warning', contractId: 'K1' }],
  ...bare,
};
const routedK2: Decision = {
  action: 'route',
  addressee: '0363',
  reasons: [
    { rule: 'NC-ROUTE', text: 'x', severity: 'warning' },
    { rule: 'OG-DECL', text: 'K2 starts 2027-01-01', severity: 'info', contractId: 'K2' },
  ],
  ...bare,
};

describe('decision diff', () => {
  it('says what changed and why, naming the contracts', () => {
    const c = compareDecisions(suppressedK1, routedK2);
    expect(c).toEqual({
      changed: true,
      transition: 'suppress→route',
      text: 'was suppressed by contract K1, now routed to 0363 under contract K2 because K2 starts 2027-01-01',
    });
  });
  it('a different addressee is a change; other reasons alone are not', () => {
    expect(compareDecisions(routedK2, { ...routedK2, addressee: '0599' }).changed).toBe(true);
    expect(compareDecisions(routedK2, { ...routedK2, reasons: [{ rule: 'Y', text: 'y', severity: 'info' }] }).changed).toBe(false);
    expect(compareDecisions(suppressedK1, { action: 'suppress', reasons: [], ...bare }).changed).toBe(false);
    expect(compareDecisions(routedK2, { ...routedK2 }).text).toBe('unchanged: routed to 0363 under contract K2');
  });
  it('describes decisions without a contract by rule', () => {
    expect(describeDecision({ action: 'refuse', reasons: [{ rule: 'DECL-GEMENGD', text: 'mixed', severity: 'error' }], ...bare })).toBe(
      'refused by rule DECL-GEMENGD',
    );
    expect(describeDecision(null)).toBe('not decided (rejected at validation)');
  });
});
