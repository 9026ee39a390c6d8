import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import type { ConversationSummary, Question, ToewijzingNummerQuestion } from '../types.js';
import { antwoordPrestaties, antwoordVragen } from './antwoord-prestatie.js';
import { naam, once } from './declaratie.js';

const BERICHTEN = [NUMMER.verzoekOmWijziging, NUMMER.declaratie, NUMMER.declaratieAntwoord] as const;

/** 317 and 323 lines naming a toewijzing by number, with their client (made once per summary). */
const verwijzingen = once((s: ConversationSummary): readonly { path: string; client: string; q: ToewijzingNummerQuestion }[] => {
  if (s.nummer !== NUMMER.verzoekOmWijziging && s.nummer !== NUMMER.declaratie) return [];
  return s.items.flatMap((it) =>
    it.toewijzingNummer !== undefined && it.client !== undefined
      ? [
          {
            path: it.path,
            client: it.client,
            q: { standard: s.standard, gemeente: s.gemeente, aanbieder: s.aanbieder, toewijzingNummer: it.toewijzingNummer },
          },
        ]
      : [],
  );
});
const vragen304 = once((s: ConversationSummary): readonly Question[] =>
  s.nummer === NUMMER.declaratieAntwoord ? antwoordVragen(s) : verwijzingen(s).map(({ q }) => ({ ask: 'toewijzingClienten', q })),
);

const F = (path: string, text: string): ConversationFinding => ({ rule: 'TR304', retourCode: '8187', path, text });

/**
 * TR304: the Bsn is that of the client the referenced toewijzing (317, 323) or declared prestatie
 * (325) belongs to.
 */
export const TR304 = conversationRule({
  id: 'TR304',
  retourCode: '8187',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.declaratie].sleutels.find((k) => k.sleutel.includes('Bsn'))!.pad,
  lezing:
    'a 317 product line or 323 prestatie naming a ToewijzingNummer the gemeente assigned to this aanbieder is under the Client that toewijzing was for; a 325 prestatie is under the Client the answered 323 declared it for (clients compared by keyed hash)',
  grenzen:
    'only assessed when Sluis saw the toewijzing (317, 323) or the answered 323 (325); a number Sluis never saw is TR338’s (323) or not assessed',
  vragen: vragen304,
  check: (s, state) => {
    if (s.nummer === NUMMER.declaratieAntwoord)
      return antwoordPrestaties(s, state).flatMap(({ item, gedeclareerd }) =>
        gedeclareerd?.client !== undefined && item.client !== undefined && item.client !== gedeclareerd.client
          ? [F(item.path, `${naam(item)} is under another client than in the declaratie answered`)]
          : [],
      );
    return verwijzingen(s).flatMap(({ path, client, q }) => {
      const clienten = state.toewijzingClienten(q);
      return clienten.length > 0 && !clienten.includes(client)
        ? [F(path, `ToewijzingNummer ${q.toewijzingNummer} was assigned to another client than the one it is under here`)]
        : [];
    });
  },
});
