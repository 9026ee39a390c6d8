import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import type { ConversationSummary, ReferentieGebruiktKey } from '../types.js';

const BERICHTEN = [NUMMER.verzoekOmToewijzing, NUMMER.verzoekOmWijziging] as const;
const VERZOEK = CATALOG[NUMMER.verzoekOmWijziging].velden.verzoekReferentie!;

/** The ReferentieAanbieder values of a 315 (per AangevraagdProduct) or 317 (the Verzoek), with where they sit. */
function referenties(s: ConversationSummary): { path: string; ref: string }[] {
  if (s.nummer === NUMMER.verzoekOmToewijzing)
    return s.items.flatMap((it) => (it.referentieAanbieder !== undefined ? [{ path: it.path, ref: it.referentieAanbieder }] : []));
  if (s.nummer === NUMMER.verzoekOmWijziging && s.verzoekReferentie !== undefined)
    return [{ path: `/Bericht/${VERZOEK}`, ref: s.verzoekReferentie }];
  return [];
}

const key = (s: ConversationSummary, ref: string): ReferentieGebruiktKey => ({
  standard: s.standard,
  aanbieder: s.aanbieder,
  referentieAanbieder: ref,
});

/** TR347: ReferentieAanbieder is unique for the aanbieder in the domain. */
export const TR347 = conversationRule({
  id: 'TR347',
  retourCode: '9347',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.verzoekOmToewijzing].items[0]!.pad,
  lezing:
    'no earlier 315 (AangevraagdProduct) or 317 (Verzoek) from the same aanbieder in the same domain, to any gemeente, carries this ReferentieAanbieder; uniqueness within one 315 is TR383',
  grenzen: 'verzoeken sent before Sluis saw this aanbieder, or to gemeenten not behind Sluis, are unknown to it',
  vragen: (s) => {
    const refs = [...new Set(referenties(s).map((r) => r.ref))];
    return refs.length > 0 ? [{ ask: 'referentiesGebruikt', q: { standard: s.standard, aanbieder: s.aanbieder, referenties: refs } }] : [];
  },
  check: (s, state) =>
    referenties(s).flatMap(({ path, ref }): ConversationFinding[] =>
      state.referentieGebruikt(key(s, ref))
        ? [
            {
              rule: 'TR347',
              retourCode: '9347',
              path,
              text: `ReferentieAanbieder ${ref} was already used by aanbieder ${s.aanbieder} in this domain`,
            },
          ]
        : [],
    ),
});
