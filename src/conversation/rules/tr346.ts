import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import { EenheidCode, minutenBedrag, times, uurtarieven } from './tarief.js';

/** TR346 (externe bron: the contract's tarief): IngediendBedrag = GeleverdVolume × ProductTarief unless Eenheid is 83. */
export const TR346 = conversationRule({
  id: 'TR346',
  retourCode: '9346',
  bron: Bron.externeBron,
  berichten: [NUMMER.declaratie],
  klasse: `${CATALOG[NUMMER.declaratie].items[0]!.pad}/IngediendBedrag`,
  lezing:
    "for every Prestatie with an Eenheid other than 83 (euro's), IngediendBedrag/Bedrag equals GeleverdVolume × ProductTarief in eurocent; a prestatie in minutes (01) may instead equal the contract's hourly tarief × minutes ÷ 60 rounded to a cent (the rule's toelichting, IV081)",
  grenzen:
    'without a contract registry the hourly tarief is unknown, so a prestatie in minutes whose amount differs from GeleverdVolume × ProductTarief is not judged',
  vragen: () => [],
  check: (s, _state, ctx) => {
    if (s.nummer !== NUMMER.declaratie) return [];
    const contract = ctx.bronnen?.contract;
    return s.items.flatMap((it): ConversationFinding[] => {
      const p = it.prestatie;
      if (!p || p.eenheid === EenheidCode.euros || p.productTarief === undefined) return [];
      const gevraagd = BigInt(/^\d+$/.test(p.bedrag) ? p.bedrag : '-1');
      const product = times(p.geleverdVolume, p.productTarief);
      if (product === gevraagd) return [];
      if (p.eenheid === EenheidCode.minuut) {
        if (!contract || it.categorie === undefined || it.code === undefined) return [];
        const uur = uurtarieven(
          contract.tarieven({
            standard: s.standard,
            gemeente: s.gemeente,
            aanbieder: s.aanbieder,
            datum: it.datum ?? s.dagtekening,
            categorie: it.categorie,
            code: it.code,
          }),
        );
        if (uur.length === 0 || uur.some((t) => minutenBedrag(t, p.geleverdVolume) === gevraagd)) return [];
      }
      return [
        {
          rule: 'TR346',
          retourCode: '9346',
          path: `${it.path}/IngediendBedrag/Bedrag`,
          text: `IngediendBedrag ${p.bedrag} is not GeleverdVolume ${p.geleverdVolume} × ProductTarief ${p.productTarief} (${product?.toString() ?? '?'} eurocent)`,
        },
      ];
    });
  },
});
