import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import type { ConversationItem, ConversationSummary, ToewijzingGebruik } from '../types.js';

function regels(s: ConversationSummary): ConversationItem[] {
  return s.nummer === NUMMER.toewijzing ? s.items.filter((it) => it.toewijzingNummer !== undefined) : [];
}

/** Why an earlier 301 line with the same number is another toegewezen product than `it`, or undefined when it is the same one. */
function anders(it: ConversationItem, aanbieder: string, g: ToewijzingGebruik): string | undefined {
  if (g.aanbieder !== aanbieder) return `aanbieder ${g.aanbieder}`;
  if (it.client !== undefined && g.client !== undefined && g.client !== it.client) return 'another client';
  if (g.categorie !== it.categorie || g.code !== it.code)
    return `product ${[g.categorie, g.code].filter((x) => x !== undefined).join('/') || '(none)'}`;
  return undefined;
}

/** TR332: a ToewijzingNummer names one toegewezen product within a gemeente and domain. */
export const TR332 = conversationRule({
  id: 'TR332',
  retourCode: '9332',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.toewijzing],
  klasse: CATALOG[NUMMER.toewijzing].items[0]!.pad,
  lezing:
    'no earlier 301 from the same gemeente in the same domain has a ToegewezenProduct with this ToewijzingNummer for another aanbieder, another client or another product (Categorie, Code); sending the same toegewezen product again (a wijziging) keeps its number',
  grenzen:
    'toewijzingen sent before Sluis saw this gemeente, or to aanbieders not behind Sluis, are unknown to it; a gemeente numbering per aanbieder would not see its numbers collide here',
  vragen: (s) => {
    const nrs = [...new Set(regels(s).map((it) => it.toewijzingNummer!))];
    return nrs.length > 0 ? [{ ask: 'toewijzingNummers', q: { standard: s.standard, gemeente: s.gemeente, toewijzingNummers: nrs } }] : [];
  },
  check: (s, state) =>
    regels(s).flatMap((it): ConversationFinding[] => {
      const gebruik = state.toewijzingNummerGebruik({ standard: s.standard, gemeente: s.gemeente, toewijzingNummer: it.toewijzingNummer! });
      const reden = gebruik.map((g) => anders(it, s.aanbieder, g)).find((r) => r !== undefined);
      if (reden === undefined) return [];
      return [
        {
          rule: 'TR332',
          retourCode: '9332',
          path: it.path,
          text: `ToewijzingNummer ${it.toewijzingNummer} was already used by gemeente ${s.gemeente} in this domain for another toegewezen product (${reden})`,
        },
      ];
    }),
});
