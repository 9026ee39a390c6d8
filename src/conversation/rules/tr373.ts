import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Frequentie } from '../../standard/generated/codelists.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import type { ConversationItem } from '../types.js';
import { teWijzigenMetToewijzing, vowVragen } from './vow.js';

/** Frequentie 6: totaal binnen geldigheidsduur toewijzing. */
const TOTAAL: keyof typeof Frequentie = '6';

const omvangGelijk = (a: ConversationItem['omvang'], b: ConversationItem['omvang']): boolean =>
  a?.volume === b?.volume && a?.eenheid === b?.eenheid && a?.frequentie === b?.frequentie;

/** TR373: a change of the Budget or of a total over the toewijzingsperiode starts on the toewijzing's Ingangsdatum. */
export const TR373 = conversationRule({
  id: 'TR373',
  retourCode: '9373',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.verzoekOmWijziging],
  klasse: CATALOG[NUMMER.verzoekOmWijziging].items.find((k) => k.kind === 'TeWijzigenProduct')!.pad,
  lezing:
    'a TeWijzigenProduct that changes the Budget (a Budget other than the toewijzing’s) or a total over the toewijzingsperiode (an Omvang with Frequentie 6 other than the toewijzing’s) has as GewensteIngangsdatum the Ingangsdatum of that toewijzing (the latest 301 line with its ToewijzingNummer for this client)',
  grenzen: 'a toewijzing sent before Sluis saw this gemeente–aanbieder pair, or outside Sluis, is unknown to it (then TR351 speaks)',
  vragen: vowVragen,
  check: (s, state) => {
    return teWijzigenMetToewijzing(s, state).flatMap(({ it, t }): ConversationFinding[] => {
      if (t.datum === undefined) return [];
      const budget = it.budgetBedrag !== undefined && it.budgetBedrag !== t.budgetBedrag;
      const totaal = it.omvang?.frequentie === TOTAAL && !omvangGelijk(it.omvang, t.omvang);
      if ((!budget && !totaal) || it.datum === t.datum) return [];
      return [
        {
          rule: 'TR373',
          retourCode: '9373',
          path: it.path,
          text: `the ${budget ? 'Budget' : 'total over the toewijzingsperiode'} of toewijzing ${it.toewijzingNummer} changes, but GewensteIngangsdatum ${it.datum ?? '(none)'} is not its Ingangsdatum ${t.datum}`,
        },
      ];
    });
  },
});
