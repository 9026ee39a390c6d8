import { NUMMER } from '../../standard/catalog.js';
import type { RedenWijziging } from '../../standard/generated/codelists.js';
import { Bron, conversationRule } from '../rule.js';
import { PRESTATIE, finding, naam, toewijzingVragen, withToewijzing } from './declaratie.js';

/** RedenWijziging 13: the toewijzing was removed (verwijderd). */
export const VERWIJDERD: keyof typeof RedenWijziging = '13';

/** TR384: no declaring on a toewijzing the gemeente removed (RedenWijziging 13). */
export const TR384 = conversationRule({
  id: 'TR384',
  retourCode: '9384',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing: 'the latest 301 line with the prestatie’s ToewijzingNummer for its client does not carry RedenWijziging 13 (verwijderd)',
  grenzen:
    'only prestaties whose toewijzing Sluis saw are assessed (TR338 reports the others); a removal Sluis did not see is unknown to it',
  vragen: toewijzingVragen,
  check: (s, state) =>
    withToewijzing(s, state).flatMap(({ item, q, t }) =>
      t.redenWijziging === VERWIJDERD
        ? [
            finding(
              TR384,
              item.path,
              `${naam(item)}: ToewijzingNummer ${q.toewijzingNummer} was removed by the gemeente (RedenWijziging 13)`,
            ),
          ]
        : [],
    ),
});
