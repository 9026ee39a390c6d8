/**
 * Test helpers for the conversation rules (src/conversation/**\/*.test.ts): summaries with the
 * conversation facts on their items, between gemeente 0321 and aanbieder 12345678 unless told.
 */
import type { BerichtNummer, Standard } from '../../src/standard/model.js';
import type { ConversationRule } from '../../src/conversation/rule.js';
import { MemoryConversationState } from '../../src/conversation/state.js';
import type { ConversationItem, ConversationSummary, ReferentieHistorie, RegieLijn } from '../../src/conversation/types.js';
import { NUMMER } from '../../src/standard/catalog.js';
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

// --- regie / toewijzing / verzoek helpers ---

/** The client question of a 305/307/317 rule (the pair, this client). */
export function ck(standard: Standard, client = CLIENT) {
  return { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER, client };
}

/** A 301 line as the journal keeps it (the latest version of a toegewezen product). */
export function toegewezen(toewijzingNummer: string, o: Partial<ConversationItem> = {}): ConversationItem {
  return {
    kind: 'ToegewezenProduct',
    index: 1,
    path: '/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]',
    toewijzingNummer,
    client: CLIENT,
    categorie: '45',
    code: '45A01',
    datum: '2026-01-01',
    einddatum: '2026-12-31',
    ...o,
  };
}

/** A 317 item of one kind (OngewijzigdProduct, TeWijzigenProduct, NieuwProduct) with its path. */
export function vowItem(kind: 'OngewijzigdProduct' | 'TeWijzigenProduct' | 'NieuwProduct', i: number, o: Partial<ConversationItem> = {}) {
  const klasse = { OngewijzigdProduct: 'OngewijzigdeProducten', TeWijzigenProduct: 'TeWijzigenProducten', NieuwProduct: 'NieuweProducten' }[
    kind
  ];
  return { kind, client: CLIENT, path: `/Bericht/Client/Verzoek/${klasse}/${kind}[${i}]`, ...o } satisfies Partial<ConversationItem>;
}

// --- 319 (antwoordbericht) helpers: the answer to verzoek ReferentieAanbieder R1 ---

export const ANTWOORD_REFERENTIE_PAD = '/Bericht/Antwoord/ReferentieAanbieder';

/** A 319 answering R1 with this VerzoekAntwoord. */
export function antwoord319(standard: Standard, verzoekAntwoord: string): ConversationSummary {
  return cmk(standard, NUMMER.antwoordbericht, { antwoord: { referentieAanbieder: 'R1', verzoekAntwoord } });
}

/** The state with R1's history between the pair: one verzoek (315) for CLIENT, no toewijzing or answer, unless `h` says otherwise. */
export function metReferentie(standard: Standard, h: Partial<ReferentieHistorie>): MemoryConversationState {
  return new MemoryConversationState().putReferentie(
    { standard, gemeente: GEMEENTE, aanbieder: AANBIEDER },
    {
      referentieAanbieder: 'R1',
      verzoeken: [{ nummer: NUMMER.verzoekOmToewijzing, client: CLIENT }],
      toewijzingen: [],
      antwoorden: [],
      ...h,
    },
  );
}

// --- start/stop (305/307) helpers: start T1 of 45A01 from 2026-01-05 ---

/** The start as the client's regie lijnen hold it. */
export const REGIE_START: RegieLijn = {
  soort: 'start',
  toewijzingNummer: 'T1',
  categorie: '45',
  code: '45A01',
  begindatum: '2026-01-05',
  statusAanlevering: '1',
};

/** A StopProduct of a 307 for that start; `o` gives at least its RedenBeeindiging and Einddatum. */
export function stopItemVanStart(o: object) {
  return {
    path: '/Bericht/Client/StopProducten/StopProduct[1]',
    client: CLIENT,
    toewijzingNummer: 'T1',
    categorie: '45',
    code: '45A01',
    datum: '2026-01-05',
    statusAanlevering: '1',
    ...o,
  };
}

/** `rule.check` of a 307 with these items, against these regie lijnen of the client. */
export function stopCheck(rule: ConversationRule, standard: Standard) {
  return (lijnen: RegieLijn[], items: object[]) =>
    rule.check(cmk(standard, NUMMER.stop, { items }), new MemoryConversationState().putRegieVanClient(ck(standard), lijnen), {
      today: TODAY,
    });
}
