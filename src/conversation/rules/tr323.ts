import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { CREDIT, DEBET, PRESTATIE, finding, naam, referentieQ, referentieVragen } from './declaratie.js';

/** TR323: a credit prestatie names, by VorigReferentieNummer, an earlier approved debet prestatie. */
export const TR323 = conversationRule({
  id: 'TR323',
  retourCode: '8017',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'a prestatie with DebetCredit C has a VorigReferentieNummer that is the ReferentieNummer of a debet prestatie the aanbieder sent earlier in the domain and that is approved: no 325 answering its 323 listed it or rejected that 323 as a whole (a 323 still unanswered counts as approved)',
  grenzen:
    'a debet declared before Sluis saw this aanbieder is unknown to it; a 325 Sluis did not see leaves a prestatie approved; a credit without VorigReferentieNummer is CD060’s, not assessed here',
  vragen: referentieVragen,
  check: (s, state) =>
    s.nummer !== NUMMER.declaratie
      ? []
      : s.items.flatMap((it) => {
          const vorig = it.vorigReferentie;
          if (it.debetCredit !== CREDIT || vorig === undefined) return [];
          const debet = state
            .prestaties(referentieQ(s, vorig))
            .filter((p) => p.item.productReferentie === vorig && p.item.debetCredit === DEBET);
          if (debet.some((p) => p.goedgekeurd)) return [];
          const why =
            debet.length > 0 ? 'was rejected in a declaratie-antwoord' : 'is not a debet prestatie Sluis has seen from this aanbieder';
          return [finding(TR323, it.path, `credit ${naam(it)}: VorigReferentieNummer ${vorig} ${why}`)];
        }),
});
