import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { CREDIT, PRESTATIE, finding, naam, referentieQ, referentieVragen } from './declaratie.js';

/** TR390: a prestatie is credited once: no credit when one for the same debet already exists. */
export const TR390 = conversationRule({
  id: 'TR390',
  retourCode: '9390',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'a prestatie with DebetCredit C only when no earlier credit prestatie of the aanbieder in the domain names the same VorigReferentieNummer and is approved (a credit a 325 rejected did not take effect; two credits in one bericht are TR315’s)',
  grenzen: 'a credit sent before Sluis saw this aanbieder is unknown to it; a 325 Sluis did not see leaves a credit approved',
  vragen: referentieVragen,
  check: (s, state) =>
    s.nummer !== NUMMER.declaratie
      ? []
      : s.items.flatMap((it) => {
          const vorig = it.vorigReferentie;
          if (it.debetCredit !== CREDIT || vorig === undefined) return [];
          const eerder = state
            .prestaties(referentieQ(s, vorig))
            .find((p) => p.goedgekeurd && p.item.debetCredit === CREDIT && p.item.vorigReferentie === vorig);
          return eerder
            ? [
                finding(
                  TR390,
                  it.path,
                  `credit ${naam(it)}: debet ${vorig} was already credited (prestatie ${eerder.item.productReferentie ?? '?'})`,
                ),
              ]
            : [];
        }),
});
