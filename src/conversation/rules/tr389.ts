import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule } from '../rule.js';
import { DEBET, PRESTATIE, creditsEerder, creditsHier, finding, naam, opToewijzingQ } from './declaratie.js';

/**
 * TR389: one debet per ProductPeriode, ProductCategorie, ProductCode and ToewijzingNummer, unless the
 * earlier debet has been credited.
 */
export const TR389 = conversationRule({
  id: 'TR389',
  retourCode: '9389',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'a prestatie with DebetCredit D only when no earlier approved debet prestatie of the pair has the same ToewijzingNummer, ProductCategorie, ProductCode and ProductPeriode (same Begindatum and Einddatum), unless an approved credit — earlier or in this bericht — names that debet as VorigReferentieNummer; a rejected debet was not sent in effect (two debets in one bericht are TR416’s)',
  grenzen: 'debets and credits sent before Sluis saw this pair are unknown to it; a 325 Sluis did not see leaves a prestatie approved',
  vragen: (s) =>
    s.nummer !== NUMMER.declaratie
      ? []
      : [
          ...new Set(s.items.flatMap((it) => (it.debetCredit === DEBET && it.toewijzingNummer !== undefined ? [it.toewijzingNummer] : []))),
        ].map((n) => ({ ask: 'prestatiesOpToewijzing' as const, q: opToewijzingQ(s, n) })),
  check: (s, state) =>
    s.nummer !== NUMMER.declaratie
      ? []
      : s.items.flatMap((it) => {
          if (it.debetCredit !== DEBET || it.toewijzingNummer === undefined) return [];
          const eerder = state.prestatiesOpToewijzing(opToewijzingQ(s, it.toewijzingNummer));
          if (eerder.length === 0) return [];
          const credited = creditsEerder(eerder);
          const hier = creditsHier(s);
          const dubbel = eerder.find(
            (p) =>
              p.goedgekeurd &&
              p.item.debetCredit === DEBET &&
              p.item.categorie === it.categorie &&
              p.item.code === it.code &&
              p.item.datum === it.datum &&
              p.item.einddatum === it.einddatum &&
              p.item.productReferentie !== undefined &&
              !credited.has(p.item.productReferentie) &&
              !hier.has(p.item.productReferentie),
          );
          return dubbel
            ? [
                finding(
                  TR389,
                  it.path,
                  `${naam(it)}: debet prestatie ${dubbel.item.productReferentie ?? '?'} for the same ToewijzingNummer, product and ProductPeriode was sent before and not credited`,
                ),
              ]
            : [];
        }),
});
