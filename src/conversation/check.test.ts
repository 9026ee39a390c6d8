import { describe, expect, it } from 'vitest';
import { NUMMER } from '../standard/catalog.js';
import { adviceReasons, checkConversation } from './check.js';
import { CONVERSATION_RULES } from './rules.js';
import { RetourCode } from '../standard/generated/codelists.js';
import { MemoryConversationState, prefetchConversation, questionsFor } from './state.js';
import { AANBIEDER, CLIENT, GEMEENTE, TODAY, cmk, tq } from '../../test/support/conversation-testkit.js';
import type { AsyncConversationState } from './types.js';

describe('the conversation rules as data', () => {
  it('every rule names a TR, a retourcode of the codelist, its berichten, class, reading and limits', () => {
    for (const r of CONVERSATION_RULES) {
      expect(r.id).toMatch(/^TR\d{3}$/);
      expect(Object.keys(RetourCode)).toContain(r.retourCode);
      expect(r.berichten.length).toBeGreaterThan(0);
      expect(r.klasse).not.toBe('');
      expect(r.lezing.length).toBeGreaterThan(20);
      expect(r.grenzen.length).toBeGreaterThan(20);
    }
    expect(new Set(CONVERSATION_RULES.map((r) => r.id)).size).toBe(CONVERSATION_RULES.length);
  });

  it('prefetch asks exactly the questions the rules declare, once each', async () => {
    const s = cmk('ijw', NUMMER.start, {
      items: [
        { client: CLIENT, toewijzingNummer: 'T1', statusAanlevering: '1' },
        { client: CLIENT, toewijzingNummer: 'T1', statusAanlevering: '3' },
      ],
    });
    expect(questionsFor(s, CONVERSATION_RULES)).toEqual([
      { ask: 'toewijzing', q: tq('ijw', 'T1') },
      { ask: 'regie', q: tq('ijw', 'T1') },
      { ask: 'regieVanClient', q: { standard: 'ijw', gemeente: GEMEENTE, aanbieder: AANBIEDER, client: CLIENT } },
    ]);
    const asked: string[] = [];
    const store: AsyncConversationState = {
      toewijzing: async () => (asked.push('toewijzing'), undefined),
      regie: async () => (asked.push('regie'), [{ soort: 'start', begindatum: '2026-01-01', statusAanlevering: '1' }]),
      declaratieBekend: async () => (asked.push('declaratie'), false),
      openVerzoeken: async () => (asked.push('verzoeken'), []),
      regieVanClient: async () => (asked.push('regieVanClient'), []),
      referenties: async () => (asked.push('referenties'), []),
      referentiesGebruikt: async () => (asked.push('referentiesGebruikt'), []),
      toewijzingenVanClient: async () => (asked.push('toewijzingenVanClient'), []),
      toewijzingNummers: async () => (asked.push('toewijzingNummers'), []),
    };
    const snap = await prefetchConversation(s, store, CONVERSATION_RULES);
    expect(asked).toEqual(['toewijzing', 'regie', 'regieVanClient']);
    expect(snap.regie(tq('ijw', 'T1'))).toHaveLength(1);
  });

  it('findings become warning reasons with rule id and retourcode, never deciding', () => {
    const s = cmk('ijw', NUMMER.stop, { items: [{ client: CLIENT, toewijzingNummer: 'T9' }] });
    const findings = checkConversation(s, new MemoryConversationState(), { today: TODAY }, CONVERSATION_RULES);
    expect(findings.map((f) => f.rule)).toEqual(['TR019']);
    const [reason] = adviceReasons(findings);
    expect(reason).toMatchObject({ rule: 'TR019', severity: 'warning', retourCode: '9019', advies: true });
    expect(reason!.text).toMatch(/^TR019 \(retourcode 9019, advice\): /);
  });
});
