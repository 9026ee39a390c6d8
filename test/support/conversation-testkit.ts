/**
 * Test helpers for the conversation rules (src/conversation/**\/*.test.ts): summaries with the
 * conversation facts on their items, between gemeente 0321 and aanbieder 12345678 unless told.
 */
import type { BerichtNummer, Standard } from '../../src/standard/model.js';
import type { ConversationItem, ConversationSummary } from '../../src/conversation/types.js';
import { mk, type MkOptions } from './decision-testkit.js';

export const AANBIEDER = '12345678';
export const GEMEENTE = '0321';
/** A keyed client hash as the pipeline makes it (32 hex characters). */
export const CLIENT = 'c'.repeat(32);
export const OTHER_CLIENT = 'd'.repeat(32);
export const TODAY = '2026-04-10';

export interface CmkOptions extends Omit<MkOptions, 'items'> {
  readonly items?: readonly Partial<ConversationItem>[];
  readonly aanbieder?: string;
  readonly declaratieNummer?: string;
  readonly verzoekReferentie?: string;
  readonly dagtekening?: string;
}

export function cmk(standard: Standard, nummer: BerichtNummer, o: CmkOptions = {}): ConversationSummary {
  const s = mk(standard, nummer, o.aanbieder ?? AANBIEDER, { gemeente: GEMEENTE, ...o, items: o.items ?? [{ client: CLIENT }] });
  return {
    ...s,
    ...(o.declaratieNummer !== undefined ? { declaratieNummer: o.declaratieNummer } : {}),
    ...(o.verzoekReferentie !== undefined ? { verzoekReferentie: o.verzoekReferentie } : {}),
    ...(o.dagtekening !== undefined ? { dagtekening: o.dagtekening } : {}),
  };
}

/** The question key a rule asks for (standard, gemeente, aanbieder, client, ToewijzingNummer). */
export function tq(standard: Standard, toewijzingNummer: string, client = CLIENT) {
  return { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER, client, toewijzingNummer };
}
