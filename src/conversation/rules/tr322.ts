import { NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import type { ConversationSummary } from '../types.js';
import { DEBET, PRESTATIE, declared, finding, once, opToewijzingQ, withToewijzing } from './declaratie.js';
import { gedeclareerd, toegestaan } from './volume.js';

/** The questions of the sum rules: each toewijzing's earlier prestaties, and the 301 line itself. */
export const somVragen = once((s: ConversationSummary) => [
  ...declared(s).map(({ q }) => ({ ask: 'toewijzing' as const, q })),
  ...[...new Set(declared(s).map(({ q }) => q.toewijzingNummer))].map((n) => ({
    ask: 'prestatiesOpToewijzing' as const,
    q: opToewijzingQ(s, n),
  })),
]);

/** TR322: the GeleverdVolume of all prestaties on a toewijzing fits its Omvang over its loopduur. */
export const TR322 = conversationRule({
  id: 'TR322',
  retourCode: '9322',
  bron: Bron.berichtoverstijgend,
  berichten: [NUMMER.declaratie],
  klasse: PRESTATIE,
  lezing:
    'per ToewijzingNummer, the GeleverdVolume of the approved debets the aanbieder declared on it that no approved credit names, plus this 323’s debets less what its credits cancel, is at most what the Omvang of the latest 301 line allows from its Ingangsdatum to its Einddatum (TR321’s arithmetic); reported on the first prestatie of this 323 on it',
  grenzen:
    'only toewijzingen Sluis saw, with an Omvang, an Einddatum (or Frequentie totaal) and one Eenheid across the prestaties, are assessed; prestaties declared before Sluis saw the pair are unknown to it',
  vragen: somVragen,
  check: (s, state) => {
    const seen = new Set<string>();
    const out: ConversationFinding[] = [];
    for (const { item, q, t } of withToewijzing(s, state)) {
      if (seen.has(q.toewijzingNummer)) continue;
      seen.add(q.toewijzingNummer);
      if (t.omvang === undefined || t.datum === undefined || item.eenheid === undefined) continue;
      const hier = s.items.filter((it) => it.toewijzingNummer === q.toewijzingNummer);
      const eerder = state.prestatiesOpToewijzing(opToewijzingQ(s, q.toewijzingNummer));
      if ([...hier, ...eerder.map((p) => p.item)].some((it) => it.debetCredit === DEBET && it.eenheid !== item.eenheid)) continue;
      const eind = t.einddatum ?? (t.omvang.frequentie === '6' ? t.datum : undefined);
      if (eind === undefined) continue;
      const max = toegestaan(t.omvang, item.eenheid, t.datum, eind);
      const som = gedeclareerd(eerder, hier);
      if (max !== undefined && som > max)
        out.push(
          finding(
            TR322,
            item.path,
            `ToewijzingNummer ${q.toewijzingNummer}: GeleverdVolume ${som} in all, more than the ${Math.floor(max)} its Omvang allows`,
          ),
        );
    }
    return out;
  },
});
