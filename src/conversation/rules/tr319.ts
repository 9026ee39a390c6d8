import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { PRESTATIE, finding, naam } from './declaratie.js';

/** TR319: a 323 declares only prestaties of its own DeclaratiePeriode or earlier ones. */
export const TR319 = conversationRule({
  id: 'TR319',
  retourCode: '9319',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'no prestatie’s ProductPeriode ends after the Einddatum of the 323’s own DeclaratiePeriode (a prestatie of an earlier declaratieperiode is allowed; the current period is the bericht’s)',
  grenzen: 'none beyond the bericht itself: the periods compared are both in it',
  vragen: () => [],
  check: (s) => {
    const eind = s.declaratie?.periodeEind;
    if (s.nummer !== NUMMER.declaratie || eind === undefined) return [];
    return s.items.flatMap((it) =>
      it.einddatum !== undefined && it.einddatum > eind
        ? [finding(TR319, it.path, `${naam(it)}: ProductPeriode ends ${it.einddatum}, after the DeclaratiePeriode (to ${eind})`)]
        : [],
    );
  },
});
