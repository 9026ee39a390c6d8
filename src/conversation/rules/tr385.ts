import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { DEBET, creditsEerder, finding, opToewijzingQ } from './declaratie.js';
import { VERWIJDERD } from './tr384.js';

const lines = (s: Parameters<typeof opToewijzingQ>[0]) =>
  s.nummer !== NUMMER.toewijzing ? [] : s.items.filter((it) => it.redenWijziging === VERWIJDERD && it.toewijzingNummer !== undefined);

/** TR385: no removing (RedenWijziging 13) a toewijzing that has approved, uncredited prestaties. */
export const TR385 = conversationRule({
  id: 'TR385',
  retourCode: '9385',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.toewijzing],
  klasse: CATALOG[NUMMER.toewijzing].items[0]!.pad,
  lezing:
    'a ToegewezenProduct with RedenWijziging 13 only when the aanbieder has no approved debet prestatie on its ToewijzingNummer (a 323 to this gemeente no 325 rejected the prestatie in, or as a whole) that no approved credit names as VorigReferentieNummer',
  grenzen: 'prestaties declared before Sluis saw this pair are unknown to it; a 325 Sluis did not see leaves a prestatie approved',
  vragen: (s) => lines(s).map((it) => ({ ask: 'prestatiesOpToewijzing' as const, q: opToewijzingQ(s, it.toewijzingNummer!) })),
  check: (s, state) =>
    lines(s).flatMap((it) => {
      const eerder = state.prestatiesOpToewijzing(opToewijzingQ(s, it.toewijzingNummer!));
      const credited = creditsEerder(eerder);
      const open = eerder.filter(
        (p) =>
          p.goedgekeurd &&
          p.item.debetCredit === DEBET &&
          p.item.productReferentie !== undefined &&
          !credited.has(p.item.productReferentie),
      );
      return open.length === 0
        ? []
        : [
            finding(
              TR385,
              it.path,
              `ToewijzingNummer ${it.toewijzingNummer!} has approved prestaties that are not credited (${open.map((p) => p.item.productReferentie).join(', ')}); it cannot be removed with RedenWijziging 13`,
            ),
          ];
    }),
});
