import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { BronNodig } from '../bronnen.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';

const BERICHTEN = [
  NUMMER.toewijzing,
  NUMMER.start,
  NUMMER.stop,
  NUMMER.verzoekOmToewijzing,
  NUMMER.verzoekOmWijziging,
  NUMMER.declaratie,
] as const;

/** TR381 (externe bron: the productcodelijst agreed in the contract): the ProductCode fits the ProductCategorie. */
export const TR381 = conversationRule({
  id: 'TR381',
  retourCode: 'S329',
  bron: Bron.externeBron,
  nodig: BronNodig.contract,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.toewijzing].items[0]!.pad,
  lezing:
    "every product line or prestatie with a ProductCode names a code that the contracts in force between the gemeente and the aanbieder on the line's date list under its ProductCategorie (the gehanteerde productcodelijst of the contract registry); a categorie whose contracts list no codes is not assessed",
  grenzen:
    'a productcodelijst agreed outside the contract registry is unknown to Sluis; categories without codes in the registry are not checked',
  vragen: () => [],
  check: (s, _state, ctx) => {
    const contract = ctx.bronnen?.contract;
    if (!contract || !(BERICHTEN as readonly string[]).includes(s.nummer)) return [];
    return s.items.flatMap((it): ConversationFinding[] => {
      if (it.categorie === undefined || it.code === undefined) return [];
      const datum = it.datum ?? s.dagtekening;
      const lijst = contract.productcodes({
        standard: s.standard,
        gemeente: s.gemeente,
        aanbieder: s.aanbieder,
        datum,
        categorie: it.categorie,
      });
      if (lijst === undefined || lijst.includes(it.code)) return [];
      const veld = CATALOG[s.nummer].items.find((k) => k.kind === it.kind)?.velden.code ?? 'Product/Code';
      return [
        {
          rule: 'TR381',
          retourCode: 'S329',
          path: `${it.path}/${veld}`,
          text: `ProductCode ${it.code} is not in the productcodelijst the contract agrees for ProductCategorie ${it.categorie} on ${datum}`,
        },
      ];
    });
  },
});
