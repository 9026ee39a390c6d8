import { CATALOG, NUMMER } from '../../standard/catalog.js';
import { BronNodig } from '../bronnen.js';
import { Bron, conversationRule, type ConversationFinding } from '../rule.js';
import type { ConversationSummary } from '../types.js';

const BERICHTEN = [
  NUMMER.toewijzing,
  NUMMER.start,
  NUMMER.stop,
  NUMMER.verzoekOmToewijzing,
  NUMMER.verzoekOmWijziging,
  NUMMER.antwoordbericht,
  NUMMER.declaratie,
  NUMMER.declaratieAntwoord,
] as const;

/**
 * 301 and 315 carry the date the rule names (Ingangsdatum, ToewijzingIngangsdatum) on their items; the
 * others may be about a toewijzing that began before a herindeling, which the bericht does not say.
 */
const MET_INGANGSDATUM: ReadonlySet<string> = new Set([NUMMER.toewijzing, NUMMER.verzoekOmToewijzing]);

/** The gemeentecodes of a bericht with the element that holds each. */
function codes(s: ConversationSummary): { code: string; path: string }[] {
  const header = CATALOG[s.nummer].verzender === 'gemeente' ? 'Afzender' : 'Ontvanger';
  const out = [{ code: s.gemeente, path: `/Bericht/Header/${header}` }];
  const a = CATALOG[s.nummer].velden.antwoord;
  if (s.antwoord?.woonplaatsGemeente !== undefined && a)
    out.push({ code: s.antwoord.woonplaatsGemeente, path: `/Bericht/${a.pad}/${a.woonplaatsGemeente.pad}` });
  return out;
}

/** TR378 (externe bron: the CBS list): a gemeentecode exists on the (Toewijzing)Ingangsdatum. */
export const TR378 = conversationRule({
  id: 'TR378',
  retourCode: 'S300',
  bron: Bron.externeBron,
  nodig: BronNodig.cbs,
  berichten: BERICHTEN,
  klasse: 'Header',
  lezing:
    "every gemeentecode (the gemeente's header field; in an iJw 319 also Woonplaatsbeginsel/Gemeente) is in the CBS gemeente list on the bericht's Dagtekening or, after a herindeling, on one of its product lines' dates (301 Ingangsdatum, 315 ToewijzingIngangsdatum); in the other berichten a code that ceased in a herindeling is accepted, as their toewijzing may have begun before it",
  grenzen:
    'a 305, 307, 317, 323 or 325 with a code that ceased in a herindeling after its toewijzing began is accepted, as the bericht does not carry the Ingangsdatum; herindelingen before 2021 are not in the list Sluis reads',
  vragen: () => [],
  check: (s, _state, ctx) => {
    const cbs = ctx.bronnen?.cbs;
    if (!cbs || !(BERICHTEN as readonly string[]).includes(s.nummer)) return [];
    const dates = [s.dagtekening, ...s.items.flatMap((it) => (it.datum !== undefined ? [it.datum] : []))];
    const strict = MET_INGANGSDATUM.has(s.nummer);
    return codes(s).flatMap(({ code, path }): ConversationFinding[] => {
      if (dates.some((d) => cbs.geldigOp(code, d))) return [];
      // Before any herindeling date the list knows, an old code was valid: "ever a gemeente".
      if (!strict && cbs.geldigOp(code, '0001-01-01')) return [];
      return [
        {
          rule: 'TR378',
          retourCode: 'S300',
          path,
          text: `gemeentecode ${code} is not in the CBS gemeente list on ${strict ? 'the Dagtekening or an Ingangsdatum of the bericht' : 'the Dagtekening of the bericht'}`,
        },
      ];
    });
  },
});
