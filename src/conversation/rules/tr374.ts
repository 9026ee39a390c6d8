import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { Bron, clientPath, conversationRule } from '../rule.js';
import type { ConversationSummary, VerzoekenQuestion } from '../types.js';

const BERICHTEN = [NUMMER.verzoekOmToewijzing, NUMMER.verzoekOmWijziging] as const;

function question(s: ConversationSummary): { q: VerzoekenQuestion; path: string } | undefined {
  if (!(BERICHTEN as readonly string[]).includes(s.nummer)) return undefined;
  const it = s.items.find((i) => i.client !== undefined);
  const path = it && clientPath(it.path);
  if (!it?.client || path === undefined) return undefined;
  return { q: { standard: s.standard, aanbieder: s.aanbieder, client: it.client }, path };
}

/**
 * TR374: a verzoek (315 or 317) only when the aanbieder has no verzoek in behandeling for the client;
 * one is in behandeling until a 319 with VerzoekAntwoord 1 (afgewezen) or a 301 carries its
 * ReferentieAanbieder.
 */
export const TR374 = conversationRule({
  id: 'TR374',
  retourCode: '9374',
  bron: Bron.berichtoverstijgend,
  berichten: BERICHTEN,
  klasse: CATALOG[NUMMER.verzoekOmToewijzing].sleutels.find((k) => k.sleutel.includes('Bsn'))!.pad,
  lezing:
    'the aanbieder has no earlier 315 product or 317 for the same client (same domain, any gemeente) whose ReferentieAanbieder is not yet answered by a 319 with VerzoekAntwoord 1 or a 301 line carrying it',
  grenzen:
    'a verzoek sent, or answered, before Sluis saw this gemeente–aanbieder pair or outside Sluis is unknown to it; an answer Sluis never saw leaves a verzoek open',
  vragen: (s) => {
    const x = question(s);
    return x ? [{ ask: 'openVerzoeken', q: x.q }] : [];
  },
  check: (s, state) => {
    const x = question(s);
    if (!x) return [];
    const open = state.openVerzoeken(x.q);
    if (open.length === 0) return [];
    return [
      {
        rule: 'TR374',
        retourCode: '9374',
        path: x.path,
        text: `aanbieder ${x.q.aanbieder} already has a verzoek in behandeling for this client (ReferentieAanbieder ${open.map((v) => `${v.referentieAanbieder} at gemeente ${v.gemeente}`).join(', ')})`,
      },
    ];
  },
});
