import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { BronNodig } from '../bronnen.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { EenheidCode, uurtarieven } from './tarief.js';

/** TR418: ProductTarief equals the tarief the contract agrees for the ProductCode. */
export const TR418 = conversationRule({
  id: 'TR418',
  retourCode: '0611',
  bron: Bron.berichtoverstijgend,
  nodig: BronNodig.contract,
  berichten: [NUMMER.declaratie],
  klasse: `${CATALOG[NUMMER.declaratie].items[0]!.pad}/ProductTarief`,
  lezing:
    "every Prestatie's ProductTarief equals a tarief the contracts in force on its ProductPeriode/Begindatum agree for its ProductCategorie and ProductCode in its Eenheid; in minutes (01) against an hourly tarief (04), the hourly tarief ÷ 60 rounded down or up to a cent; a code or Eenheid without an agreed tarief is not assessed",
  grenzen: 'tarieven agreed outside the contract registry are unknown to Sluis',
  vragen: () => [],
  check: (s, _state, ctx) => {
    const contract = ctx.bronnen?.contract;
    if (!contract || s.nummer !== NUMMER.declaratie) return [];
    return s.items.flatMap((it): ConversationFinding[] => {
      const p = it.prestatie;
      if (!p || p.productTarief === undefined || it.categorie === undefined || it.code === undefined) return [];
      const datum = it.datum ?? s.dagtekening;
      const tarieven = contract.tarieven({
        standard: s.standard,
        gemeente: s.gemeente,
        aanbieder: s.aanbieder,
        datum,
        categorie: it.categorie,
        code: it.code,
      });
      const gevraagd = Number(p.productTarief);
      const zelfde = tarieven.filter((t) => t.eenheid === p.eenheid).map((t) => t.tarief);
      const perMinuut =
        p.eenheid === EenheidCode.minuut ? uurtarieven(tarieven).flatMap((t) => [Math.floor(t / 60), Math.ceil(t / 60)]) : [];
      const toegestaan = [...zelfde, ...perMinuut];
      if (toegestaan.length === 0 || toegestaan.includes(gevraagd)) return [];
      return [
        {
          rule: 'TR418',
          retourCode: '0611',
          path: `${it.path}/ProductTarief`,
          text: `ProductTarief ${p.productTarief} is not the tarief the contract agrees for ProductCode ${it.code} per Eenheid ${p.eenheid} on ${datum} (${[...new Set(toegestaan)].join(' or ')})`,
        },
      ];
    });
  },
});
