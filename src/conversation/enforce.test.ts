import { describe, expect, it } from 'vitest';
import { NUMMER } from '../standard/catalog.js';
import { CLIENT, cmk } from '../../test/support/conversation-testkit.js';
import { findingReasons } from './check.js';
import { enforceable, neededSince, weigh } from './enforce.js';
import { CONVERSATION_RULES } from './rules.js';

// A start (305) with two lines: Begindatum 2026-03-01 and 2026-05-01, Dagtekening 2026-05-10.
const start = cmk('ijw', NUMMER.start, {
  items: [
    { client: CLIENT, toewijzingNummer: 'T1', datum: '2026-03-01' },
    { client: CLIENT, toewijzingNummer: 'T2', datum: '2026-05-01' },
  ],
  dagtekening: '2026-05-10',
});
const line = (i: number): string => start.items[i - 1]!.path;
const tr019 = (i: number) => ({ rule: 'TR019', retourCode: '9019', path: line(i), text: 'x' });
const tr135 = { rule: 'TR135', retourCode: '8848', path: '/Bericht/Header/BerichtIdentificatie/Dagtekening', text: 'x' };

describe('the date a finding depends on (neededSince)', () => {
  it('is the selecting date of the item the finding marks, or of an item inside the marked class', () => {
    expect(neededSince(tr019(1), start)).toBe('2026-03-01');
    expect(neededSince({ path: `${line(2)}/ToewijzingNummer` }, start)).toBe('2026-05-01');
    expect(neededSince({ path: '/Bericht/Client' }, start)).toBe('2026-03-01');
  });
  it('is the Dagtekening for a finding on the header (no item in or around it)', () => {
    expect(neededSince(tr135, start)).toBe('2026-05-10');
  });
});

describe('enforceable: the horizon as data', () => {
  it('a berichtoverstijgende finding enforces only when the horizon is set and before the date it depends on', () => {
    expect(enforceable(tr019(1), start, CONVERSATION_RULES, '2026-02-28')).toBe(true);
    expect(enforceable(tr019(1), start, CONVERSATION_RULES, '2026-03-01')).toBe(false); // the same day: could have come before Sluis
    expect(enforceable(tr019(1), start, CONVERSATION_RULES, '2026-04-01')).toBe(false);
    expect(enforceable(tr019(2), start, CONVERSATION_RULES, '2026-04-01')).toBe(true);
    expect(enforceable(tr019(1), start, CONVERSATION_RULES, undefined)).toBe(false);
    expect(enforceable(tr019(1), start, CONVERSATION_RULES, 'garbage')).toBe(false);
  });
  it('an externe-bron finding (TR135) does not depend on the horizon', () => {
    expect(enforceable(tr135, start, CONVERSATION_RULES, undefined)).toBe(true);
    expect(enforceable(tr135, start, CONVERSATION_RULES, '2027-01-01')).toBe(true);
  });
  it('a finding of a rule Sluis does not know, or on an unreadable date, only advises', () => {
    expect(enforceable({ rule: 'TR999', path: line(1) }, start, CONVERSATION_RULES, undefined)).toBe(false);
    const odd = cmk('ijw', NUMMER.start, { items: [{ client: CLIENT, datum: 'not-a-date' }], dagtekening: '2026-05-10' });
    expect(enforceable({ rule: 'TR019', path: odd.items[0]!.path }, odd, CONVERSATION_RULES, '2020-01-01')).toBe(false);
  });
});

describe('weigh and the reasons', () => {
  it('advise leaves the findings as they are; enforce marks each', () => {
    expect(weigh([tr019(1)], start, CONVERSATION_RULES, 'advise', '2020-01-01')).toEqual([tr019(1)]);
    const w = weigh([tr019(1), tr019(2), tr135], start, CONVERSATION_RULES, 'enforce', '2026-04-01');
    expect(w.map((f) => f.enforced)).toEqual([false, true, true]);
  });
  it('an enforced finding is an error reason with its retourcode; an advising one stays advice', () => {
    const w = weigh([tr019(1), tr019(2)], start, CONVERSATION_RULES, 'enforce', '2026-04-01');
    const [a, e] = findingReasons(w);
    expect(a).toMatchObject({ rule: 'TR019', severity: 'warning', advies: true, retourCode: '9019' });
    expect(e).toMatchObject({ rule: 'TR019', severity: 'error', retourCode: '9019', path: line(2) });
    expect(e!.text).toMatch(/^TR019 \(retourcode 9019, enforced\): /);
    expect('advies' in e!).toBe(false);
  });
});
