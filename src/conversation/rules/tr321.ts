import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { DEBET, PRESTATIE, finding, naam, toewijzingVragen, withToewijzing } from './declaratie.js';
import { toegestaan } from './volume.js';

/** TR321: a prestatie's GeleverdVolume fits the toegewezen Omvang over its ProductPeriode. */
export const TR321 = conversationRule({
  id: 'TR321',
  retourCode: '9321',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'a debet prestatie’s GeleverdVolume is at most what the Omvang of the latest 301 line with its ToewijzingNummer for its client allows over the ProductPeriode: per dag × days, per week × days ÷ 7, per maand × months touched, totaal once; hours declared in minutes × 60',
  grenzen:
    'only prestaties whose toewijzing Sluis saw, with an Omvang and an Eenheid that converts, are assessed; the per-week arithmetic is our reading (the rule gives no formula)',
  vragen: toewijzingVragen,
  check: (s, state) =>
    withToewijzing(s, state).flatMap(({ item, t }) => {
      if (item.debetCredit !== DEBET || t.omvang === undefined || item.eenheid === undefined) return [];
      if (item.datum === undefined || item.einddatum === undefined || item.geleverdVolume === undefined) return [];
      const max = toegestaan(t.omvang, item.eenheid, item.datum, item.einddatum);
      const v = Number(item.geleverdVolume);
      return max !== undefined && v > max
        ? [
            finding(
              TR321,
              item.path,
              `${naam(item)}: GeleverdVolume ${v} exceeds the ${Math.floor(max)} the toegewezen Omvang allows for its ProductPeriode`,
            ),
          ]
        : [];
    }),
});
